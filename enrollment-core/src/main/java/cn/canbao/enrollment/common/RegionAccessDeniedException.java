package cn.canbao.enrollment.common;

/** The record lies outside the region the user is bound to. The web layer answers 403. */
public class RegionAccessDeniedException extends RuntimeException {

    public RegionAccessDeniedException(String message) {
        super(message);
    }
}
