package cn.canbao.web.policy;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import cn.canbao.policy.FamilyRole;
import cn.canbao.policy.Identity;
import cn.canbao.policy.LateReason;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.policy.assessment.AssessmentRequest;
import cn.canbao.policy.assessment.Person;
import cn.canbao.region.RegionCode;

/** A person to assess against the effective policy of a region and coverage year; nothing is stored. */
@Schema(description = "A person enrolling: region, coverage year, who they are and when they pay")
public record AssessmentPreviewRequest(
        @Schema(example = "340321", requiredMode = Schema.RequiredMode.REQUIRED) String regionCode,
        @Schema(example = "2025", requiredMode = Schema.RequiredMode.REQUIRED) Integer coverageYear,
        @Schema(example = "1970-01-01", requiredMode = Schema.RequiredMode.REQUIRED) LocalDate birthDate,
        @Schema(example = "RESIDENT", requiredMode = Schema.RequiredMode.REQUIRED) ParticipantCategory category,
        @Schema(example = "[\"DIBAO\"]") List<Identity> identities,
        @Schema(example = "PARENT") FamilyRole familyRole,
        @Schema(example = "2024-10-01", requiredMode = Schema.RequiredMode.REQUIRED) LocalDate paymentDate,
        @Schema(description = "defaults to the payment date") LocalDate registrationDate,
        @Schema(description = "years without insurance before this enrollment (断保)") Integer lapseYears,
        @Schema(description = "lapse years paid back (补缴)") Integer paidBackYears,
        @Schema(description = "why a late enrollment may use a green channel") LateReason lateReason,
        @Schema(description = "a newborn who died before household registration") Boolean diedBeforeRegistration,
        @Schema(description = "the parent under whose name and ID such a newborn is registered") String parentName) {

    RegionCode region() {
        return RegionCode.of(required(regionCode, "regionCode"));
    }

    int year() {
        return required(coverageYear, "coverageYear");
    }

    AssessmentRequest toRequest() {
        Person person = Person.of(required(birthDate, "birthDate"), required(category, "category"))
                .withIdentities(identities == null ? List.of() : identities)
                .withFamilyRole(familyRole)
                .withLapse(lapseYears == null ? 0 : lapseYears, paidBackYears == null ? 0 : paidBackYears)
                .withLateReason(lateReason);
        if (Boolean.TRUE.equals(diedBeforeRegistration)) {
            person = person.diedBeforeRegistration(parentName);
        }
        return new AssessmentRequest(person, required(paymentDate, "paymentDate"), registrationDate);
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
