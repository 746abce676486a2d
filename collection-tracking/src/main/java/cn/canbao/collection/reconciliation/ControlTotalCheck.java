package cn.canbao.collection.reconciliation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import cn.canbao.collection.payment.Channel;
import cn.canbao.collection.payment.TaxPaymentRecord;
import cn.canbao.money.Money;

/**
 * Balances a file's records per collecting unit and channel against the file's own control totals
 * (账账相符, 账款相符; 怀远县2025年度居民医保参保缴费工作方案 六). A unit and channel that has records but
 * no stated total, or a stated total but no records, does not balance.
 */
public final class ControlTotalCheck {

    /** The order balance lines are shown in: unit, then channel as declared. */
    public static final Comparator<BalanceLine> ORDER =
            Comparator.comparing(BalanceLine::collectingUnit).thenComparing(BalanceLine::channel);

    private record UnitChannel(String unit, Channel channel) {
    }

    private static final class Tally {
        long count;
        Money amount = Money.ZERO;
    }

    private final Map<UnitChannel, Tally> tallies = new HashMap<>();

    /** Counts one record; call for every record of the file, valid rows only. */
    public void add(TaxPaymentRecord record) {
        Tally t = tallies.computeIfAbsent(new UnitChannel(record.collectingUnit(), record.channel()), k -> new Tally());
        t.count++;
        t.amount = t.amount.plus(record.signedAmount());
    }

    public static List<BalanceLine> balance(Iterable<TaxPaymentRecord> records, List<ControlTotal> controls) {
        ControlTotalCheck check = new ControlTotalCheck();
        records.forEach(check::add);
        return check.against(controls);
    }

    /** One line per unit and channel found in the records or the controls, sorted by unit then channel. */
    public List<BalanceLine> against(List<ControlTotal> controls) {
        Map<UnitChannel, ControlTotal> byKey = new HashMap<>();
        for (ControlTotal c : controls) {
            if (byKey.put(new UnitChannel(c.collectingUnit(), c.channel()), c) != null) {
                throw new IllegalArgumentException("two control totals for " + c.collectingUnit() + " " + c.channel());
            }
        }
        Set<UnitChannel> keys = new LinkedHashSet<>(tallies.keySet());
        keys.addAll(byKey.keySet());
        List<BalanceLine> lines = new ArrayList<>();
        for (UnitChannel key : keys) {
            Tally t = tallies.getOrDefault(key, new Tally());
            Optional<ControlTotal> control = Optional.ofNullable(byKey.get(key));
            boolean ledgers = control.map(c -> c.recordCount() == t.count && c.netAmount().equals(t.amount)).orElse(false);
            Optional<Boolean> funds = control.flatMap(ControlTotal::receivedAmount).map(received -> received.equals(t.amount));
            lines.add(new BalanceLine(key.unit(), key.channel(), t.count, t.amount, control, ledgers, funds));
        }
        lines.sort(ORDER);
        return lines;
    }
}
