package cn.canbao.subsidy.refund;

import cn.canbao.money.Money;

/** One township's 先缴后补 refunds: how many people are still owed how much, and how much has been paid. */
public record TownshipRefunds(String townshipCode, long owedPeople, Money owed, long paidPeople, Money paid) {

    static TownshipRefunds empty(String townshipCode) {
        return new TownshipRefunds(townshipCode, 0, Money.ZERO, 0, Money.ZERO);
    }

    TownshipRefunds with(LedgerEntry entry) {
        return switch (entry.status()) {
            case OWED -> new TownshipRefunds(townshipCode, owedPeople + 1, owed.plus(entry.owed()), paidPeople, paid);
            case PAID -> new TownshipRefunds(townshipCode, owedPeople, owed, paidPeople + 1, paid.plus(entry.paidAmount()));
            case CANCELLED -> this;
        };
    }
}
