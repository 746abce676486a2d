package cn.canbao.policy.assessment;

import cn.canbao.policy.Citation;

/** Whether a paid personal contribution may be refunded, and why. */
public record RefundDecision(Status status, String reason, Citation citation) {

    public enum Status { ALLOWED, REFUSED, NOT_STATED }

    public boolean allowed() {
        return status == Status.ALLOWED;
    }
}
