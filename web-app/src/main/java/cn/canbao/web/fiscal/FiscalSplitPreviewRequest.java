package cn.canbao.web.fiscal;

import io.swagger.v3.oas.annotations.media.Schema;

/** A region (county level for tiered splits), a year and the insured count to split the government subsidy for. */
public record FiscalSplitPreviewRequest(
        @Schema(example = "150702", requiredMode = Schema.RequiredMode.REQUIRED) String regionCode,
        @Schema(example = "2024", requiredMode = Schema.RequiredMode.REQUIRED) Integer year,
        @Schema(example = "100000", requiredMode = Schema.RequiredMode.REQUIRED) Long insuredCount) {
}
