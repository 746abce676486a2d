package cn.canbao.policy.assessment;

import java.time.LocalDate;

import cn.canbao.policy.Citation;

/**
 * The waiting period (等待期) of an accepted enrollment. {@code months} and {@code benefitsFrom} are set only when
 * the status is {@link Status#APPLIES}.
 */
public record WaitingPeriod(Status status, Integer months, LocalDate benefitsFrom, Citation citation) {

    public enum Status {
        /** Enrolled in time with no lapse: no waiting period. */
        NONE,
        /** The person's category or identity is exempt. */
        EXEMPT,
        /** The formula applies: {@code months} after coverage start. */
        APPLIES,
        /** The documents say the rule will come later (e.g. 呼医保发〔2024〕13号 四). */
        PENDING,
        /** The policy says nothing about waiting periods for this case. */
        NOT_STATED
    }

    static final WaitingPeriod NONE = new WaitingPeriod(Status.NONE, null, null, null);
}
