package cn.canbao.region;

/** A code that is well-formed but names no region the system knows. */
public class UnknownRegionException extends RuntimeException {

    public UnknownRegionException(RegionCode code) {
        super("unknown region " + code.value());
    }
}
