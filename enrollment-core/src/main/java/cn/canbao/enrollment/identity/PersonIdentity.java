package cn.canbao.enrollment.identity;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import cn.canbao.policy.Identity;

/**
 * One recorded statement that a person (found by person key) holds a special identity for a coverage
 * year, with its validity and where it came from: a roster import and line ({@code id} is null, the
 * import and line identify it), or a manual entry ({@code id}).
 */
public record PersonIdentity(
        Long id,
        int coverageYear,
        Identity identity,
        LocalDate validFrom,
        LocalDate validTo,
        String source,
        Long rosterImportId,
        Long sourceLine,
        String sourceFile,
        LocalDate sourceDate,
        String recordedBy,
        OffsetDateTime recordedAt,
        String note) {

    /** Source value for identities entered by hand at the agency. */
    public static final String MANUAL = "MANUAL";

    /** In force for an assessment made on {@code date} for {@code coverageYear}: not ended before it, starting within the year. */
    public boolean countsFor(LocalDate date, int coverageYear) {
        return (validTo == null || !validTo.isBefore(date)) && !validFrom.isAfter(LocalDate.of(coverageYear, 12, 31));
    }
}
