package cn.canbao.web.fiscal;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.canbao.money.Money;
import cn.canbao.policy.fiscal.FiscalSplit;
import cn.canbao.policy.fiscal.FiscalSplitCalculator;
import cn.canbao.policy.fiscal.FiscalSplitNotComputable;
import cn.canbao.policy.fiscal.FiscalSplitResult;
import cn.canbao.policy.fiscal.LevelAmount;
import cn.canbao.policy.version.PolicyVersionService;
import cn.canbao.region.RegionCode;
import cn.canbao.web.policy.CitationView;
import cn.canbao.web.security.RegionAccess;

/** Fiscal cost-sharing (财政补助分担) preview: each level's amount with citations, or what the documents leave out. */
@RestController
@Tag(name = "fiscal", description = "财政补助分担 / fiscal cost-sharing")
class FiscalSplitController {

    private final PolicyVersionService policies;
    private final RegionAccess access;

    FiscalSplitController(PolicyVersionService policies, RegionAccess access) {
        this.policies = policies;
        this.access = access;
    }

    record Level(String level, String levelName, String amount, CitationView citation) {
        static List<Level> of(List<LevelAmount> levels) {
            return levels.stream().map(l -> new Level(l.level().name(), l.level().chineseName(), l.amount().toString(),
                    CitationView.of(l.citation()))).toList();
        }
    }

    record PreAllocation(String percent, String priorYearStandard, LocalDate due, String total, List<Level> levels, CitationView citation) {
    }

    record Settlement(LocalDate due, List<Level> differences, CitationView citation) {
    }

    record FiscalSplitResponse(String regionCode, int year, long insuredCount, String countBasis, CitationView countBasisCitation,
                               String standardPerPerson, boolean standardIsMinimum, String total, List<Level> levels,
                               PreAllocation preAllocation, Settlement settlement, List<String> notComputable, List<String> explanation) {
    }

    @PostMapping("/api/v1/fiscal-split/preview")
    @Operation(summary = "Split the government subsidy of a region and year among fiscal levels",
            description = "Amounts are strings with two decimals. 422 with 'missing' naming each value the documents do not give "
                    + "(e.g. a county's tier) — never a guess.")
    ResponseEntity<?> preview(@RequestBody FiscalSplitPreviewRequest body) {
        if (body.regionCode() == null || body.year() == null || body.insuredCount() == null) {
            throw new IllegalArgumentException("regionCode, year and insuredCount are required");
        }
        if (body.insuredCount() < 0) {
            throw new IllegalArgumentException("insuredCount cannot be negative: " + body.insuredCount());
        }
        RegionCode region = RegionCode.of(body.regionCode());
        access.check(region);
        FiscalSplitResult result = FiscalSplitCalculator.split(policies.catalog(), region, body.year(), body.insuredCount());
        if (result instanceof FiscalSplitNotComputable missing) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                    "the fiscal split of " + region + " for " + body.year() + " cannot be computed: " + String.join("; ", missing.missing()));
            problem.setType(URI.create("urn:canbao:fiscal-split-not-computable"));
            problem.setProperty("missing", missing.missing());
            return ResponseEntity.unprocessableContent().body(problem);
        }
        FiscalSplit split = (FiscalSplit) result;
        return ResponseEntity.ok(new FiscalSplitResponse(split.region().value(), split.year(), split.insuredCount(), split.countBasis(),
                CitationView.of(split.countBasisCitation()), amount(split.standardPerPerson()), split.standardIsMinimum(), amount(split.total()),
                Level.of(split.levels()),
                split.preAllocation() == null ? null : new PreAllocation(split.preAllocation().percent().toPlainString(),
                        split.preAllocation().priorYearStandard().toString(), split.preAllocation().due(), split.preAllocation().total().toString(),
                        Level.of(split.preAllocation().levels()), CitationView.of(split.preAllocation().citation())),
                split.settlement() == null ? null : new Settlement(split.settlement().due(), Level.of(split.settlement().differences()),
                        CitationView.of(split.settlement().citation())),
                split.notComputable(), split.explanation().stream().map(e -> e.textWithCitation(LocaleContextHolder.getLocale())).toList()));
    }

    private static String amount(Money money) {
        return money == null ? null : money.toString();
    }
}
