package cn.canbao.subsidy.batch;

import java.util.Objects;

/**
 * One row of the batch read: an active enrollment with its stored result, if it has one. The read is a full join of
 * the county's active enrollments with its stored results, so a stored result whose enrollment is no longer active
 * comes as a row without input (to be removed), and a new enrollment as one without a previous result.
 */
record EnrollmentRow(AssessmentInput input, Previous previous) {

    EnrollmentRow {
        if (input == null && previous == null) {
            throw new IllegalArgumentException("a batch row has an enrollment, a stored result or both");
        }
    }

    /** The stored result as far as a run compares it: its input fingerprint and the outcome the change list shows. */
    record Previous(long enrollmentId, long fingerprint, boolean accepted, long dueFen, long subsidyFen, String ruleId) {

        /** Whether a new result agrees with this one in everything the change list compares. */
        boolean sameOutcome(AssessmentRow row) {
            return accepted == row.accepted() && dueFen == row.personalDue().fen() && subsidyFen == row.subsidyTotal().fen()
                    && Objects.equals(ruleId, row.ruleId());
        }
    }
}
