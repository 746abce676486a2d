package cn.canbao.policy.assessment;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A person enrolling, with the day they pay and (when different) the day they were registered. Without a
 * registration date the payment date stands for both.
 */
public record AssessmentRequest(Person person, LocalDate paymentDate, LocalDate registrationDate) {

    public AssessmentRequest {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(paymentDate, "paymentDate");
        registrationDate = registrationDate == null ? paymentDate : registrationDate;
    }

    public static AssessmentRequest paidOn(Person person, LocalDate paymentDate) {
        return new AssessmentRequest(person, paymentDate, null);
    }
}
