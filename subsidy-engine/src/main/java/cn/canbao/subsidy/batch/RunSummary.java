package cn.canbao.subsidy.batch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one batch run did. {@code created + changed + unchanged = enrollments}; {@code removed} results belonged to
 * enrollments no longer active; {@code changed} counts real changes (personal due, subsidy, scheme or acceptance
 * differ), a re-assessment that came out the same counts as unchanged. {@code phaseMillis} is the wall-clock time per phase of the run
 * that just ended (empty for runs read back from the database).
 */
public record RunSummary(long runId, String countyCode, int coverageYear, String policyVersion, long enrollments,
                         long unchanged, long created, long changed, long removed, long rejected,
                         long millis, Map<String, Long> phaseMillis) {

    public RunSummary {
        phaseMillis = Collections.unmodifiableMap(new LinkedHashMap<>(phaseMillis));
    }
}
