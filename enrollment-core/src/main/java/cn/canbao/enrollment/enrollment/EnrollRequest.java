package cn.canbao.enrollment.enrollment;

/**
 * Register a resident for a coverage year. {@code flow} may be empty: then RENEWAL when the person
 * paid last year, NEW_OR_LAPSED otherwise. {@code regionCode} may be empty: then the resident's own
 * region (a school or the place of residence of a non-local resident may differ).
 */
public record EnrollRequest(long residentId, int coverageYear, EnrollmentFlow flow, String regionCode, String school) {
}
