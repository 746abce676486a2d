package cn.canbao.web.subsidy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import cn.canbao.money.Money;
import cn.canbao.policy.Identity;
import cn.canbao.subsidy.batch.AssessmentChange;
import cn.canbao.subsidy.batch.RunSummary;
import cn.canbao.subsidy.fiscal.FiscalSettlementReport;
import cn.canbao.subsidy.fiscal.LevelSettlement;
import cn.canbao.subsidy.refund.LedgerChanges;
import cn.canbao.subsidy.refund.LedgerEntry;
import cn.canbao.subsidy.refund.TownshipRefunds;
import cn.canbao.subsidy.statement.FunderStatement;
import cn.canbao.subsidy.statement.RuleSubtotal;
import cn.canbao.subsidy.statement.Subtotal;
import cn.canbao.subsidy.whatif.WhatIfResult;
import cn.canbao.web.policy.CitationView;

/** What the subsidy API answers: amounts are strings with two decimals (yuan), as everywhere in the API. */
final class SubsidyViews {

    private SubsidyViews() {
    }

    static String yuan(Money money) {
        return money == null ? null : money.toString();
    }

    record Group(long people, String amount) {
        static Group of(Subtotal subtotal) {
            return new Group(subtotal.people(), yuan(subtotal.amount()));
        }
    }

    record RuleGroup(String ruleId, String ruleName, String mode, String citation, long people, String amount) {
        static RuleGroup of(RuleSubtotal rule) {
            return new RuleGroup(rule.ruleId(), rule.ruleName(), rule.mode().name(), rule.citation(), rule.subtotal().people(),
                    yuan(rule.subtotal().amount()));
        }
    }

    record Statement(String funder, String funderName, long people, String total, Map<String, Group> byTownship,
                     Map<String, Group> byIdentity, List<RuleGroup> byRule) {
        static Statement of(FunderStatement s) {
            Map<String, Group> townships = new TreeMap<>();
            s.byTownship().forEach((k, v) -> townships.put(k, Group.of(v)));
            Map<String, Group> identities = new TreeMap<>();
            s.byIdentity().forEach((Identity k, Subtotal v) -> identities.put(k.name(), Group.of(v)));
            return new Statement(s.funder().name(), s.funder().chineseName(), s.total().people(), yuan(s.total().amount()),
                    townships, identities, s.byRule().values().stream().map(RuleGroup::of).toList());
        }
    }

    record Statements(String regionCode, int year, long people, String total, List<Statement> funders) {
    }

    record Run(long runId, String countyCode, int year, String policyVersion, long enrollments, long unchanged, long created,
               long changed, long removed, long rejected, long millis) {
        static Run of(RunSummary r) {
            return new Run(r.runId(), r.countyCode(), r.coverageYear(), r.policyVersion(), r.enrollments(), r.unchanged(),
                    r.created(), r.changed(), r.removed(), r.rejected(), r.millis());
        }
    }

    record Change(long enrollmentId, String regionCode, String personalDueBefore, String personalDueAfter, String subsidyBefore,
                  String subsidyAfter, String ruleBefore, String ruleAfter, Boolean acceptedBefore, boolean acceptedAfter) {
        static Change of(AssessmentChange c) {
            return new Change(c.enrollmentId(), c.regionCode(), yuan(c.personalDueBefore()), yuan(c.personalDueAfter()),
                    yuan(c.subsidyBefore()), yuan(c.subsidyAfter()), c.ruleBefore(), c.ruleAfter(), c.acceptedBefore(), c.acceptedAfter());
        }
    }

    record Refund(long id, long enrollmentId, String townshipCode, String funder, String owed, String status, String paidAmount,
                  String paidOn, String paidBy, String ruleId, String citation) {
        static Refund of(LedgerEntry e) {
            return new Refund(e.id(), e.key().enrollmentId(), e.townshipCode(), e.key().funder().name(), yuan(e.owed()),
                    e.status().name(), yuan(e.paidAmount()), e.paidOn() == null ? null : e.paidOn().toString(), e.paidBy(),
                    e.ruleId(), e.citation());
        }
    }

    record TownshipTotal(String townshipCode, long owedPeople, String owed, long paidPeople, String paid) {
        static TownshipTotal of(TownshipRefunds t) {
            return new TownshipTotal(t.townshipCode(), t.owedPeople(), yuan(t.owed()), t.paidPeople(), yuan(t.paid()));
        }
    }

    record Refunds(String regionCode, int year, List<TownshipTotal> byTownship, List<Refund> entries) {
    }

    record Reconciliation(int opened, int adjusted, int cancelled, List<Discrepancy> discrepancies) {
        record Discrepancy(long refundId, long enrollmentId, String paid, String nowOwed, String difference) {
        }

        static Reconciliation of(LedgerChanges c) {
            return new Reconciliation(c.toOpen().size(), c.toAdjust().size(), c.toCancel().size(), c.discrepancies().stream()
                    .map(d -> new Discrepancy(d.entry().id(), d.entry().key().enrollmentId(), yuan(d.entry().paidAmount()),
                            yuan(d.nowOwed()), yuan(d.difference()))).toList());
        }
    }

    record Level(String level, String levelName, String preAllocated, String finalAmount, String difference, String direction) {
        static Level of(LevelSettlement l) {
            return new Level(l.level().name(), l.level().chineseName(), yuan(l.preAllocated()), yuan(l.finalAmount()),
                    yuan(l.difference()), l.direction() == null ? null : l.direction().name());
        }
    }

    record Settlement(String countyCode, int year, long preAllocationCount, long finalCount, String countBasis,
                      String priorYearStandard, String standard, String preAllocationDue, String settlementDue, boolean settled,
                      String preAllocatedTotal, String finalTotal, List<Level> levels, List<String> missing,
                      List<CitationView> citations) {
        static Settlement of(FiscalSettlementReport r) {
            return new Settlement(r.countyCode(), r.coverageYear(), r.preAllocationCount(), r.finalCount(), r.countBasis(),
                    yuan(r.priorYearStandard()), yuan(r.standard()), r.preAllocationDue() == null ? null : r.preAllocationDue().toString(),
                    r.settlementDue() == null ? null : r.settlementDue().toString(), r.settlement().settled(),
                    yuan(r.settlement().preAllocatedTotal()), yuan(r.settlement().finalTotal()),
                    r.settlement().levels().stream().map(Level::of).toList(), r.settlement().missing(),
                    r.citations().stream().map(CitationView::of).toList());
        }
    }

    record WhatIfFunder(String funder, String funderName, long currentPeople, String current, long scenarioPeople, String scenario,
                        String difference) {
    }

    record WhatIfLevel(String level, String levelName, String current, String scenario, String difference) {
    }

    record WhatIf(String countyCode, int year, List<WhatIfFunder> funders, List<WhatIfLevel> levels, String currentPersonalTotal,
                  String scenarioPersonalTotal, List<String> currentFiscalMissing, List<String> scenarioFiscalMissing,
                  List<String> notes) {
        static WhatIf of(String county, int year, WhatIfResult r) {
            return new WhatIf(county, year, r.funders().stream().map(f -> new WhatIfFunder(f.funder().name(), f.funder().chineseName(),
                    f.currentPeople(), yuan(f.current()), f.scenarioPeople(), yuan(f.scenario()), yuan(f.difference()))).toList(),
                    r.levels().stream().map(l -> new WhatIfLevel(l.level().name(), l.level().chineseName(), yuan(l.current()),
                            yuan(l.scenario()), yuan(l.difference()))).toList(),
                    yuan(r.currentPersonalTotal()), yuan(r.scenarioPersonalTotal()), r.currentFiscalMissing(),
                    r.scenarioFiscalMissing(), r.notes());
        }
    }
}
