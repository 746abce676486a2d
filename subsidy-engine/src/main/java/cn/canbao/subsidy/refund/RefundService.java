package cn.canbao.subsidy.refund;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.canbao.audit.Actor;
import cn.canbao.audit.AuditEntry;
import cn.canbao.audit.AuditLog;
import cn.canbao.money.Money;
import cn.canbao.policy.Funder;
import cn.canbao.policy.effective.EffectivePolicy;
import cn.canbao.policy.file.PolicyFile.SubsidyScheme;
import cn.canbao.region.RegionCode;
import cn.canbao.subsidy.batch.PolicySource;
import cn.canbao.subsidy.statement.StatementService;

/**
 * The 先缴后补 ledger in the database: reconciled with the latest batch results, listed by township, paid once.
 */
@Service
public class RefundService {

    private static final String TOWNSHIP = "CASE WHEN length(a.region_code) = 12 THEN left(a.region_code, 9) || '000' ELSE a.region_code END";

    private final JdbcClient jdbc;
    private final PolicySource policies;
    private final AuditLog audit;
    private final Clock clock;

    public RefundService(JdbcClient jdbc, PolicySource policies, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.audit = audit;
        this.clock = clock;
    }

    /** Opens, adjusts and cancels unpaid refunds so the ledger matches the latest batch results of the county. */
    @Transactional
    public LedgerChanges reconcile(Actor actor, RegionCode county, int coverageYear) {
        EffectivePolicy policy = policies.policy(county, coverageYear);
        List<RefundClaim> claims = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT a.enrollment_id, ").append(TOWNSHIP).append(" AS township, a.rule_id, a.person_paid");
        for (Funder funder : Funder.values()) {
            sql.append(", a.").append(StatementService.column(funder));
        }
        sql.append(" FROM assessment_result a WHERE a.coverage_year = :year AND a.county_code = :county AND a.accepted")
                .append(" AND a.subsidy_mode = 'PAY_THEN_REFUND'");
        jdbc.sql(sql.toString()).param("year", coverageYear).param("county", county.value()).query(rs -> {
            String ruleId = rs.getString("rule_id");
            String citation = citation(policy, ruleId);
            for (Funder funder : Funder.values()) {
                long fen = rs.getLong(StatementService.column(funder));
                if (fen > 0) {
                    claims.add(new RefundClaim(rs.getLong("enrollment_id"), coverageYear, rs.getString("township"), funder,
                            Money.ofFen(fen), ruleId, citation, rs.getBoolean("person_paid")));
                }
            }
        });
        List<LedgerEntry> ledger = jdbc.sql("SELECT * FROM refund_ledger WHERE county_code = :county AND coverage_year = :year FOR UPDATE")
                .param("county", county.value()).param("year", coverageYear).query(RefundService::entry).list();
        LedgerChanges changes = RefundLedger.reconcile(claims, ledger);
        for (RefundClaim claim : changes.toOpen()) {
            jdbc.sql("""
                    INSERT INTO refund_ledger (coverage_year, county_code, township_code, enrollment_id, funder, reason, owed_fen,
                      status, rule_id, citation) VALUES (:year, :county, :township, :enrollment, :funder, :reason, :owed, 'OWED', :rule, :cite)
                    """).param("year", coverageYear).param("county", county.value()).param("township", claim.townshipCode())
                    .param("enrollment", claim.enrollmentId()).param("funder", claim.funder().name())
                    .param("reason", claim.key().reason().name()).param("owed", claim.amount().fen())
                    .param("rule", claim.ruleId()).param("cite", claim.citation()).update();
        }
        for (LedgerChanges.Adjustment adjustment : changes.toAdjust()) {
            jdbc.sql("UPDATE refund_ledger SET owed_fen = :owed, status = 'OWED', updated_at = now() WHERE county_code = :county AND id = :id")
                    .param("owed", adjustment.newAmount().fen()).param("county", county.value()).param("id", adjustment.entry().id()).update();
        }
        for (LedgerEntry cancelled : changes.toCancel()) {
            jdbc.sql("UPDATE refund_ledger SET status = 'CANCELLED', updated_at = now() WHERE county_code = :county AND id = :id")
                    .param("county", county.value()).param("id", cancelled.id()).update();
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("opened", changes.toOpen().size());
        after.put("adjusted", changes.toAdjust().size());
        after.put("cancelled", changes.toCancel().size());
        after.put("discrepancies", changes.discrepancies().size());
        audit.record(actor, AuditEntry.success("REFUND_LEDGER_RECONCILED", "refund_ledger", county.value() + "/" + coverageYear,
                county.value(), null, after));
        return changes;
    }

    private static String citation(EffectivePolicy policy, String ruleId) {
        for (SubsidyScheme scheme : policy.subsidySchemes()) {
            if (scheme.id().equals(ruleId)) {
                return scheme.modeCite() != null ? scheme.modeCite().reference() : scheme.cite().reference();
            }
        }
        return ruleId;
    }

    /** The region's entries (a county, or a township's), township by township. */
    public List<LedgerEntry> entries(RegionCode region, int coverageYear) {
        boolean county = region.value().length() == 6;
        return jdbc.sql("SELECT * FROM refund_ledger WHERE county_code = :county AND coverage_year = :year"
                        + (county ? "" : " AND township_code = :township") + " ORDER BY township_code, enrollment_id, funder")
                .param("county", region.countyCode()).param("year", coverageYear)
                .param("township", township(region)).query(RefundService::entry).list();
    }

    /** Entries of the region (a county, or a township's) still owed to people: not paid, not cancelled. */
    public long countOwed(RegionCode region, int coverageYear) {
        boolean county = region.value().length() == 6;
        return jdbc.sql("SELECT count(*) FROM refund_ledger WHERE county_code = :county AND coverage_year = :year AND status = 'OWED'"
                        + (county ? "" : " AND township_code = :township"))
                .param("county", region.countyCode()).param("year", coverageYear)
                .param("township", township(region)).query(Long.class).single();
    }

    /** The ledger is kept per township (乡镇（街道）退补): a village sees no refunds list of its own. */
    private static String township(RegionCode region) {
        if (region.level() == cn.canbao.region.RegionLevel.VILLAGE) {
            throw new IllegalArgumentException("refunds are kept per township (乡镇（街道）统计退补); " + region + " is a village");
        }
        return region.value();
    }

    public Map<String, TownshipRefunds> byTownship(RegionCode region, int coverageYear) {
        return RefundLedger.byTownship(entries(region, coverageYear));
    }

    public Optional<LedgerEntry> find(RegionCode county, long id) {
        return jdbc.sql("SELECT * FROM refund_ledger WHERE county_code = :county AND id = :id")
                .param("county", county.value()).param("id", id).query(RefundService::entry).optional();
    }

    /**
     * Marks a refund paid. The row is locked, the pure rules decide, and the update only touches an OWED row, so two
     * clerks paying at once cannot both succeed; the database refuses any change to a paid row as well.
     */
    @Transactional
    public PaymentDecision markPaid(Actor actor, RegionCode county, long id, Money amount, LocalDate paidOn) {
        LedgerEntry entry = jdbc.sql("SELECT * FROM refund_ledger WHERE county_code = :county AND id = :id FOR UPDATE")
                .param("county", county.value()).param("id", id).query(RefundService::entry).optional()
                .orElseThrow(() -> new IllegalArgumentException("no refund " + id + " in county " + county));
        PaymentDecision decision = RefundLedger.markPaid(entry, amount, paidOn, actor.username(), LocalDate.now(clock));
        if (!decision.accepted()) {
            audit.recordIndependently(actor, AuditEntry.success("REFUND_PAYMENT_REFUSED", "refund_ledger", id, entry.townshipCode(),
                    null, null).withResult(cn.canbao.audit.AuditResult.REJECTED).withDetail(decision.message()));
            return decision;
        }
        int updated = jdbc.sql("""
                UPDATE refund_ledger SET status = 'PAID', paid_fen = :fen, paid_on = :on, paid_by = :by, updated_at = now()
                WHERE county_code = :county AND id = :id AND status = 'OWED'
                """).param("fen", amount.fen()).param("on", paidOn).param("by", actor.username())
                .param("county", county.value()).param("id", id).update();
        if (updated != 1) {
            throw new IllegalStateException("refund " + id + " changed while being paid");
        }
        audit.record(actor, AuditEntry.success("REFUND_PAID", "refund_ledger", id, entry.townshipCode(),
                Map.of("status", entry.status().name(), "owed", entry.owed().toString()),
                Map.of("status", "PAID", "paid", amount.toString(), "paidOn", paidOn.toString())));
        return decision;
    }

    private static LedgerEntry entry(ResultSet rs, int row) throws SQLException {
        long paid = rs.getLong("paid_fen");
        Money paidAmount = rs.wasNull() ? null : Money.ofFen(paid);
        return new LedgerEntry(rs.getLong("id"), new LedgerKey(rs.getLong("enrollment_id"), Funder.valueOf(rs.getString("funder")),
                RefundReason.valueOf(rs.getString("reason"))), rs.getInt("coverage_year"), rs.getString("township_code"),
                Money.ofFen(rs.getLong("owed_fen")), LedgerStatus.valueOf(rs.getString("status")), paidAmount,
                rs.getObject("paid_on", LocalDate.class), rs.getString("paid_by"), rs.getString("rule_id"), rs.getString("citation"));
    }
}
