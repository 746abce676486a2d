package cn.canbao.enrollment.common;

/**
 * The request conflicts with the current state (already enrolled elsewhere, edited by someone
 * else meanwhile, wrong status for this step); nothing changed. The message is for the user.
 */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
