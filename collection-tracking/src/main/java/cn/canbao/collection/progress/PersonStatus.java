package cn.canbao.collection.progress;

import java.time.LocalDate;
import java.util.Optional;

import cn.canbao.collection.reconciliation.AssessedEnrollment;
import cn.canbao.collection.reconciliation.PersonOutcome;
import cn.canbao.money.Money;
import cn.canbao.region.RegionCode;

/**
 * What the progress rollups count of one person and year: where and when they enrolled, and when
 * they finished paying. Derived from a reconciliation {@link PersonOutcome}.
 */
public record PersonStatus(int coverageYear, String idNumber, Optional<RegionCode> region, Optional<LocalDate> registeredOn,
                           boolean newlyRegistered, boolean special, Optional<LocalDate> paidOn, Money netPaid) {

    public static PersonStatus of(PersonOutcome outcome) {
        Optional<AssessedEnrollment> e = outcome.enrollment();
        return new PersonStatus(outcome.coverageYear(), outcome.idNumber(), e.map(AssessedEnrollment::region),
                e.map(AssessedEnrollment::registeredOn), e.map(AssessedEnrollment::newlyRegistered).orElse(false),
                e.map(AssessedEnrollment::special).orElse(false), outcome.paidOn(), outcome.netPaid());
    }

    /** Nothing to keep: no enrollment and no money. */
    public boolean empty() {
        return region.isEmpty() && netPaid.isZero();
    }

    /** One line for COPY (FORMAT csv) into a table shaped like collection_person_status. */
    public String csvLine() {
        return coverageYear + "," + idNumber + "," + region.map(RegionCode::value).orElse("") + ","
                + registeredOn.map(LocalDate::toString).orElse("") + "," + newlyRegistered + "," + special + ","
                + paidOn.map(LocalDate::toString).orElse("") + "," + netPaid.fen() + "\n";
    }
}
