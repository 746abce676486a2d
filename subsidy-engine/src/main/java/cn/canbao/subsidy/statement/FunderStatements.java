package cn.canbao.subsidy.statement;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import cn.canbao.money.Money;
import cn.canbao.policy.Funder;
import cn.canbao.policy.Identity;
import cn.canbao.policy.SubsidyMode;

/**
 * Aggregates subsidy lines into one statement per funder. Lines are added one at a time and not kept, so a
 * county's million enrollments stream through in constant memory. Not thread-safe; one instance per statement run.
 */
public final class FunderStatements {

    private final Map<Funder, Accumulator> byFunder = new EnumMap<>(Funder.class);

    public FunderStatements add(SubsidyLine line) {
        if (line.amount().isZero()) {
            return this;
        }
        byFunder.computeIfAbsent(line.funder(), f -> new Accumulator()).add(line);
        return this;
    }

    /**
     * Adds a group of people already summed elsewhere (e.g. by the database): {@code people} persons of one township,
     * identity and rule for whom the funder pays {@code amount} in all.
     */
    public FunderStatements addGroup(String townshipCode, Identity identity, Funder funder, String ruleId, String ruleName,
                                     SubsidyMode mode, String citation, long people, Money amount) {
        if (people < 0 || amount.isNegative()) {
            throw new IllegalArgumentException("a group cannot have negative people or amount: " + ruleId + " in " + townshipCode);
        }
        if (people == 0 || amount.isZero()) {
            return this;
        }
        byFunder.computeIfAbsent(funder, f -> new Accumulator()).add(townshipCode, identity, ruleId, ruleName, mode, citation,
                new Subtotal(people, amount));
        return this;
    }

    public FunderStatements addAll(Iterable<SubsidyLine> lines) {
        lines.forEach(this::add);
        return this;
    }

    /** One statement for every funder, in glossary order; a funder that pays for nobody has an empty statement. */
    public List<FunderStatement> statements() {
        List<FunderStatement> statements = new ArrayList<>();
        for (Funder funder : Funder.values()) {
            Accumulator acc = byFunder.get(funder);
            statements.add(acc == null
                    ? new FunderStatement(funder, Subtotal.EMPTY, Map.of(), Map.of(), Map.of())
                    : new FunderStatement(funder, acc.total, acc.byTownship, acc.byIdentity, acc.byRule));
        }
        return statements;
    }

    public FunderStatement statement(Funder funder) {
        return statements().get(funder.ordinal());
    }

    /** Sum over all funders. */
    public Subtotal grandTotal() {
        Subtotal total = Subtotal.EMPTY;
        for (Accumulator acc : byFunder.values()) {
            total = total.plus(acc.total);
        }
        return total;
    }

    private static final class Accumulator {
        private Subtotal total = Subtotal.EMPTY;
        private final Map<String, Subtotal> byTownship = new TreeMap<>();
        private final Map<Identity, Subtotal> byIdentity = new EnumMap<>(Identity.class);
        private final Map<String, RuleSubtotal> byRule = new LinkedHashMap<>();

        void add(SubsidyLine line) {
            add(line.townshipCode(), line.identity(), line.ruleId(), line.ruleName(), line.mode(), line.citation(),
                    Subtotal.EMPTY.plus(line.amount()));
        }

        void add(String township, Identity identity, String ruleId, String ruleName, SubsidyMode mode,
                 String citation, Subtotal group) {
            total = total.plus(group);
            byTownship.merge(township, group, Subtotal::plus);
            if (identity != null) {
                byIdentity.merge(identity, group, Subtotal::plus);
            }
            byRule.merge(ruleId, new RuleSubtotal(ruleId, ruleName, mode, citation, group),
                    (a, b) -> new RuleSubtotal(a.ruleId(), a.ruleName(), a.mode(), a.citation(), a.subtotal().plus(b.subtotal())));
        }
    }
}
