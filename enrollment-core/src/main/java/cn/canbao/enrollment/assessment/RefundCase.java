package cn.canbao.enrollment.assessment;

import java.time.LocalDate;

import cn.canbao.money.Money;

/** A refund request as the policy's refund rules see it. */
public record RefundCase(
        String regionCode,
        int coverageYear,
        String reason,
        LocalDate requestedOn,
        LocalDate coverageStart,
        Money paid) {
}
