package cn.canbao.enrollment.enrollment;

import java.time.OffsetDateTime;

import cn.canbao.money.Money;

/**
 * A payment reported by the collection side for one person and year. The reference makes the
 * report idempotent: the same reference twice changes nothing the second time. Collection derives
 * these reports from its tax ledger ({@code cn.canbao.collection.payment.TaxPaymentRecord}) with the
 * ledger's transaction id as the reference.
 */
public record PaymentRecord(String personKey, int coverageYear, Money amount, OffsetDateTime paidAt, String reference) {
}
