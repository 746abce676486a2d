package cn.canbao.web.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.media.Schema;

import cn.canbao.money.Money;
import cn.canbao.policy.assessment.Assessment;

/** The calculator's answer; amounts are strings with two decimals (yuan). */
@Schema(description = "Whether the enrollment is accepted on the payment date, what everyone pays, coverage, and why")
public record AssessmentPreviewResponse(
        boolean accepted,
        String rejectionReason,
        String rejectionMessage,
        @Schema(example = "400.00") String standardAmount,
        @Schema(example = "60.00") String personalDue,
        List<Subsidy> subsidies,
        List<Refund> refunds,
        String appliedRule,
        LocalDate coverageStart,
        LocalDate coverageEnd,
        WaitingPeriod waitingPeriod,
        String registeredName,
        List<String> explanation,
        @Schema(description = "the policy version id an assessment records") Long policyVersionId) {

    public record Subsidy(String funder, String funderName, @Schema(example = "340.00") String amount, String mode, CitationView citation) {
    }

    public record Refund(String funder, String funderName, @Schema(example = "400.00") String amount, CitationView citation) {
    }

    public record WaitingPeriod(String status, Integer months, LocalDate benefitsFrom, CitationView citation) {
    }

    static AssessmentPreviewResponse of(Assessment a, Long policyVersionId, Locale locale) {
        return new AssessmentPreviewResponse(a.accepted(),
                a.rejectionReason() == null ? null : a.rejectionReason().name(),
                a.rejection() == null ? null : a.rejection().text(locale),
                amount(a.standardAmount()), amount(a.personalDue()),
                a.subsidies().stream().map(s -> new Subsidy(s.funder().name(), s.funder().chineseName(), s.amount().toString(),
                        s.mode().name(), CitationView.of(s.citation()))).toList(),
                a.refunds().stream().map(r -> new Refund(r.funder().name(), r.funder().chineseName(), r.amount().toString(),
                        CitationView.of(r.citation()))).toList(),
                a.appliedRule(), a.coverageStart(), a.coverageEnd(),
                a.waitingPeriod() == null ? null : new WaitingPeriod(a.waitingPeriod().status().name(), a.waitingPeriod().months(),
                        a.waitingPeriod().benefitsFrom(), CitationView.of(a.waitingPeriod().citation())),
                a.registeredName(),
                a.explanation().stream().map(e -> e.textWithCitation(locale)).toList(),
                policyVersionId);
    }

    private static String amount(Money money) {
        return money == null ? null : money.toString();
    }
}
