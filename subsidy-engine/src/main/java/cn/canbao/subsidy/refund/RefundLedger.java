package cn.canbao.subsidy.refund;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import cn.canbao.money.Money;

/**
 * The 先缴后补 settlement rules (怀远县2025年度居民医保参保缴费工作方案 二（三）: 先按照居民个人缴费标准（400元）进行缴费，
 * 之后再由各乡镇（街道）统计对应补贴部分退补). Pure: takes the ledger as stored and the latest claims, returns decisions.
 */
public final class RefundLedger {

    private RefundLedger() {
    }

    /**
     * Compares the claims of the latest assessment with the ledger. A claim is owed only once the person has paid.
     * Unpaid entries follow the assessment (opened, adjusted, cancelled); paid entries never change.
     */
    public static LedgerChanges reconcile(List<RefundClaim> claims, List<LedgerEntry> ledger) {
        Map<LedgerKey, LedgerEntry> existing = new HashMap<>();
        for (LedgerEntry entry : ledger) {
            if (existing.putIfAbsent(entry.key(), entry) != null) {
                throw new IllegalArgumentException("the ledger holds two entries for " + entry.key());
            }
        }
        Map<LedgerKey, RefundClaim> owed = new HashMap<>();
        for (RefundClaim claim : claims) {
            if (claim.personPaid() && owed.putIfAbsent(claim.key(), claim) != null) {
                throw new IllegalArgumentException("two claims for " + claim.key());
            }
        }
        List<RefundClaim> toOpen = new ArrayList<>();
        List<LedgerChanges.Adjustment> toAdjust = new ArrayList<>();
        List<LedgerEntry> toCancel = new ArrayList<>();
        List<LedgerChanges.Discrepancy> discrepancies = new ArrayList<>();
        for (RefundClaim claim : owed.values()) {
            LedgerEntry entry = existing.get(claim.key());
            if (entry == null) {
                toOpen.add(claim);
            } else if (entry.status() == LedgerStatus.PAID) {
                if (!entry.paidAmount().equals(claim.amount())) {
                    discrepancies.add(new LedgerChanges.Discrepancy(entry, claim.amount()));
                }
            } else if (entry.status() == LedgerStatus.CANCELLED || !entry.owed().equals(claim.amount())) {
                toAdjust.add(new LedgerChanges.Adjustment(entry, claim.amount()));
            }
        }
        for (LedgerEntry entry : existing.values()) {
            if (owed.containsKey(entry.key())) {
                continue;
            }
            if (entry.status() == LedgerStatus.OWED) {
                toCancel.add(entry);
            } else if (entry.status() == LedgerStatus.PAID) {
                discrepancies.add(new LedgerChanges.Discrepancy(entry, Money.ZERO));
            }
        }
        toOpen.sort((a, b) -> Long.compare(a.enrollmentId(), b.enrollmentId()));
        return new LedgerChanges(toOpen, toAdjust, toCancel, discrepancies);
    }

    /**
     * Marks an owed refund paid. The amount paid must be the amount owed (a partial refund would leave the ledger
     * ambiguous); a paid or cancelled refund is refused, so nothing is ever paid twice.
     */
    public static PaymentDecision markPaid(LedgerEntry entry, Money amount, LocalDate paidOn, String paidBy, LocalDate today) {
        if (entry.status() == LedgerStatus.PAID) {
            return PaymentDecision.rejected(entry, PaymentDecision.Rejection.ALREADY_PAID,
                    "refund " + entry.id() + " was already paid (" + entry.paidAmount() + " on " + entry.paidOn() + " by " + entry.paidBy() + ")");
        }
        if (entry.status() == LedgerStatus.CANCELLED) {
            return PaymentDecision.rejected(entry, PaymentDecision.Rejection.CANCELLED,
                    "refund " + entry.id() + " is cancelled: the latest assessment owes nothing");
        }
        if (!entry.owed().equals(amount)) {
            return PaymentDecision.rejected(entry, PaymentDecision.Rejection.AMOUNT_DIFFERS,
                    "refund " + entry.id() + " owes " + entry.owed() + ", not " + amount);
        }
        if (paidOn.isAfter(today)) {
            return PaymentDecision.rejected(entry, PaymentDecision.Rejection.DATE_IN_FUTURE,
                    "payment date " + paidOn + " is after today (" + today + ")");
        }
        return PaymentDecision.accepted(new LedgerEntry(entry.id(), entry.key(), entry.coverageYear(), entry.townshipCode(),
                entry.owed(), LedgerStatus.PAID, amount, paidOn, paidBy, entry.ruleId(), entry.citation()));
    }

    /** Per township: what is still owed and what has been paid. */
    public static Map<String, TownshipRefunds> byTownship(List<LedgerEntry> ledger) {
        Map<String, TownshipRefunds> result = new TreeMap<>();
        for (LedgerEntry entry : ledger) {
            TownshipRefunds current = result.getOrDefault(entry.townshipCode(), TownshipRefunds.empty(entry.townshipCode()));
            result.put(entry.townshipCode(), current.with(entry));
        }
        return result;
    }
}
