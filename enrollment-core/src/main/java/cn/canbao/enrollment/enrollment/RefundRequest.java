package cn.canbao.enrollment.enrollment;

import java.time.OffsetDateTime;

import cn.canbao.money.Money;

/**
 * A refund request (kind REFUND: the payer asks after suspension/termination) or a settlement
 * item (kind SETTLEMENT: an identity change after payment left a difference). Positive amounts
 * are owed to the payer, negative ones are still owed by them.
 */
public record RefundRequest(
        long id,
        Kind kind,
        long enrollmentId,
        int coverageYear,
        String regionCode,
        long residentId,
        String reason,
        Money amount,
        Status status,
        OffsetDateTime requestedAt,
        String requestedBy,
        String policyVersion,
        OffsetDateTime decidedAt,
        String decidedBy,
        String decisionReason) {

    public enum Kind {
        REFUND,
        SETTLEMENT
    }

    public enum Status {
        REQUESTED,
        APPROVED,
        REJECTED
    }
}
