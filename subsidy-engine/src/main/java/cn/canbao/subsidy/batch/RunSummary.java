package cn.canbao.subsidy.batch;

/** What one batch run did. {@code created + changed + unchanged = enrollments}; {@code removed} results belonged to
 * enrollments no longer active. */
public record RunSummary(long runId, String countyCode, int coverageYear, String policyVersion, long enrollments,
                         long unchanged, long created, long changed, long removed, long rejected, long millis) {
}
