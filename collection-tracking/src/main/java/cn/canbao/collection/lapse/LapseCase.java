package cn.canbao.collection.lapse;

import java.time.Instant;
import java.util.Optional;

import cn.canbao.region.RegionCode;

/**
 * A person to visit: enrolled last year and not this year, or a special-group member without an
 * enrollment, with the contact the enrollment side has and the latest visit outcome.
 */
public record LapseCase(String idNumber, String name, RegionCode region, Optional<String> contactPhone, LapseReason reason,
                        Optional<String> identities, Optional<FollowUp> latestFollowUp) {

    /** One recorded visit. */
    public record FollowUp(FollowUpOutcome outcome, Optional<String> note, String recordedBy, Instant recordedAt) {
    }

    public boolean open() {
        return latestFollowUp.map(f -> !f.outcome().closesCase()).orElse(true);
    }
}
