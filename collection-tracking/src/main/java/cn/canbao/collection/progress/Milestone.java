package cn.canbao.collection.progress;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * By the end of {@code due}, {@code requiredShare} of the task must be done.
 *
 * @param citation the clause that sets it, e.g. 呼医保发〔2024〕13号 六（四）
 */
public record Milestone(LocalDate due, BigDecimal requiredShare, String citation) {

    public Milestone {
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(requiredShare, "required share");
        if (requiredShare.signum() <= 0 || requiredShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("a required share is above 0 and at most 1: " + requiredShare);
        }
    }
}
