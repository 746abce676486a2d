package cn.canbao.subsidy.statement;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.canbao.enrollment.person.Masking;
import cn.canbao.money.Money;
import cn.canbao.policy.Funder;
import cn.canbao.policy.Identity;
import cn.canbao.policy.SubsidyMode;
import cn.canbao.policy.effective.EffectivePolicy;
import cn.canbao.policy.file.PolicyFile.SubsidyScheme;
import cn.canbao.region.RegionCode;
import cn.canbao.region.RegionLevel;
import cn.canbao.subsidy.batch.PolicySource;

/**
 * Funder statements (资助/补贴清单) from the stored batch results of a region (a province or city with all its counties, a
 * county, or one township) and year:
 * totals summed by the database, and the lines streamed for export. Rule names and citations come from the policy
 * in force for the region and year.
 */
@Service
public class StatementService {

    /** The township of a result: its region code cut to township level (a county-level code stays as it is). */
    static final String TOWNSHIP = "CASE WHEN length(a.region_code) = 12 THEN left(a.region_code, 9) || '000' ELSE a.region_code END";

    private final JdbcClient jdbc;
    private final PolicySource policies;

    public StatementService(JdbcClient jdbc, PolicySource policies) {
        this.jdbc = jdbc;
        this.policies = policies;
    }

    /**
     * Result rows of the region: a province or city (every county in it), a county, a township (and its villages) or
     * a village. The county column leads the primary key, so a city is a range of it.
     */
    static String within(RegionCode region) {
        return switch (region.level()) {
            case PROVINCE, CITY -> "a.county_code LIKE :prefix";
            case COUNTY -> "a.county_code = :county";
            case TOWNSHIP, VILLAGE -> "a.county_code = :county AND a.region_code LIKE :prefix";
        };
    }

    static String prefix(RegionCode region) {
        return region.level() == RegionLevel.COUNTY ? region.value() : region.likePattern();
    }


    /**
     * The policy that names a result's rule: the county's own (a city or province spans counties whose policies
     * differ, e.g. 乌拉特前旗 and 呼伦贝尔市 in 内蒙古). A county without policy for the year falls back to the region's.
     */
    private final class Policies {
        private final RegionCode region;
        private final int coverageYear;
        private final Map<String, EffectivePolicy> byCounty = new HashMap<>();

        Policies(RegionCode region, int coverageYear) {
            this.region = region;
            this.coverageYear = coverageYear;
            byCounty.put(region.countyCode(), policies.policy(region, coverageYear));
        }

        SubsidyScheme scheme(String countyCode, String ruleId) {
            EffectivePolicy policy = byCounty.computeIfAbsent(countyCode, c -> {
                try {
                    return policies.policy(RegionCode.of(c), coverageYear);
                } catch (IllegalArgumentException noPolicy) {
                    return byCounty.get(region.countyCode());
                }
            });
            return StatementService.scheme(policy, ruleId);
        }
    }

    public FunderStatements statements(RegionCode region, int coverageYear) {
        Policies policy = new Policies(region, coverageYear);
        FunderStatements statements = new FunderStatements();
        StringBuilder sql = new StringBuilder("SELECT a.county_code, ").append(TOWNSHIP)
                .append(" AS township, a.rule_id, a.deciding_identity, a.subsidy_mode");
        for (Funder funder : Funder.values()) {
            String column = column(funder);
            sql.append(", count(*) FILTER (WHERE a.").append(column).append(" > 0) AS n_").append(column)
                    .append(", sum(a.").append(column).append(") AS sum_").append(column);
        }
        sql.append(" FROM assessment_result a WHERE a.coverage_year = :year AND ").append(within(region))
                .append(" AND a.accepted AND a.rule_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5");
        jdbc.sql(sql.toString()).param("year", coverageYear).param("county", region.countyCode()).param("prefix", prefix(region))
                .query(rs -> {
                    String ruleId = rs.getString("rule_id");
                    SubsidyScheme scheme = policy.scheme(rs.getString("county_code"), ruleId);
                    String identity = rs.getString("deciding_identity");
                    for (Funder funder : Funder.values()) {
                        String column = column(funder);
                        statements.addGroup(rs.getString("township"), identity == null ? null : Identity.valueOf(identity), funder,
                                ruleId, scheme == null ? ruleId : scheme.name(), SubsidyMode.valueOf(rs.getString("subsidy_mode")),
                                scheme == null ? "" : scheme.cite().reference(), rs.getLong("n_" + column),
                                Money.ofFen(rs.getLong("sum_" + column)));
                    }
                });
        return statements;
    }

    /** Every line of one funder's statement, township by township, for export. */
    public void lines(RegionCode region, int coverageYear, Funder funder, Consumer<SubsidyLine> sink) {
        Policies policy = new Policies(region, coverageYear);
        String column = column(funder);
        // Like the summary: a result without a rule (a single assessment stored before V32) waits for the next batch run.
        jdbc.sql("SELECT a.enrollment_id, a.county_code, " + TOWNSHIP + " AS township, a.rule_id, a.deciding_identity, a.subsidy_mode, a."
                        + column + " AS amount, r.name, r.document_number FROM assessment_result a"
                        + " JOIN enrollment e ON e.id = a.enrollment_id AND e.coverage_year = a.coverage_year"
                        + " JOIN resident r ON r.id = e.resident_id"
                        + " WHERE a.coverage_year = :year AND " + within(region) + " AND a.accepted AND a.rule_id IS NOT NULL AND a." + column + " > 0"
                        + " ORDER BY 3, a.enrollment_id")
                .param("year", coverageYear).param("county", region.countyCode()).param("prefix", prefix(region))
                .query(rs -> {
                    String ruleId = rs.getString("rule_id");
                    SubsidyScheme scheme = policy.scheme(rs.getString("county_code"), ruleId);
                    String identity = rs.getString("deciding_identity");
                    sink.accept(new SubsidyLine(rs.getLong("enrollment_id"),
                            rs.getString("name") + " " + Masking.maskDocumentNumber(rs.getString("document_number")),
                            rs.getString("township"), identity == null ? null : Identity.valueOf(identity), funder,
                            Money.ofFen(rs.getLong("amount")), SubsidyMode.valueOf(rs.getString("subsidy_mode")), ruleId,
                            scheme == null ? ruleId : scheme.name(), scheme == null ? "" : scheme.cite().reference()));
                });
    }

    private static SubsidyScheme scheme(EffectivePolicy policy, String ruleId) {
        for (SubsidyScheme scheme : policy.subsidySchemes()) {
            if (scheme.id().equals(ruleId)) {
                return scheme;
            }
        }
        return null;
    }

    /** The assessment_result column of a funder's part. */
    public static String column(Funder funder) {
        return funder.name().toLowerCase() + "_fen";
    }
}
