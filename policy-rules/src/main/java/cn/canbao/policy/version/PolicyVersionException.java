package cn.canbao.policy.version;

/** A policy change that is refused (not allowed, not valid, or no change); nothing was stored. */
public class PolicyVersionException extends RuntimeException {

    public PolicyVersionException(String message) {
        super(message);
    }
}
