package cn.canbao.policy.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.canbao.money.Money;

class PolicyFileReaderTest {

    private static final String HEADER = """
            region: "340321"
            coverageYear: 2025
            title: test
            """;

    private static final String CITE = """
                cite:
                  doc: 怀远县2025年度居民医保参保缴费工作方案
                  clause: 二（一）
                  quote: 居民个人缴费标准为每人400元
            """;

    private static List<PolicyFileError> errorsOf(String fileName, String yaml) {
        try {
            PolicyFileReader.read(fileName, yaml);
        } catch (PolicyFileException e) {
            return e.errors();
        }
        throw new AssertionError("expected the file to be rejected");
    }

    @Test
    void aValidFileIsRead() {
        PolicyFile file = PolicyFileReader.read("340321-2025.yaml", HEADER + "personalStandard:\n  amount: \"400.00\"\n" + CITE.replace("    ", "  "));
        assertThat(file.personalStandard().amount()).isEqualTo(Money.ofYuan(400));
    }

    @Test
    void anUnknownKeyIsAnErrorNamingFileAndLine() {
        List<PolicyFileError> errors = errorsOf("340321-2025.yaml", HEADER + "personalStandrd:\n  amount: \"400.00\"\n");
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo("340321-2025.yaml");
            assertThat(error.line()).isEqualTo(4);
            assertThat(error.message()).contains("unknown key 'personalStandrd'");
        });
    }

    @Test
    void aValueWithoutCitationIsAnErrorAtItsLine() {
        List<PolicyFileError> errors = errorsOf("340321-2025.yaml", HEADER + "\npersonalStandard:\n  amount: \"400.00\"\n");
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(5);
            assertThat(error.message()).contains("missing 'cite'").contains("/personalStandard");
        });
    }

    @Test
    void aCitationWithoutQuoteIsAnError() {
        String yaml = HEADER + "personalStandard:\n  amount: \"400.00\"\n  cite:\n    doc: x\n    clause: 二\n";
        assertThat(errorsOf("340321-2025.yaml", yaml)).singleElement().satisfies(error -> {
            assertThat(error.message()).contains("quote");
            assertThat(error.line()).isEqualTo(6);
        });
    }

    @Test
    void anImpossibleDateIsAnErrorAtItsLine() {
        String yaml = HEADER + "coveragePeriod:\n  start: 2025-01-01\n  end: 2025-02-30\n" + CITE.replace("    ", "  ");
        assertThat(errorsOf("340321-2025.yaml", yaml)).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(6);
            assertThat(error.message()).contains("2025-02-30");
        });
    }

    @Test
    void aPeriodEndingBeforeItStartsIsAnError() {
        String yaml = HEADER + "coveragePeriod:\n  start: 2025-12-31\n  end: 2025-01-01\n" + CITE.replace("    ", "  ");
        assertThat(errorsOf("340321-2025.yaml", yaml)).singleElement()
                .satisfies(error -> assertThat(error.message()).contains("before 'start'"));
    }

    @Test
    void anUnknownIdentityCodeIsAnErrorNamingTheCode() {
        String yaml = HEADER + """
                subsidySchemes:
                  - id: x
                    name: x
                    anyOf: [TEKUN, POOR]
                    mode: DIRECT
                    priority: 1
                    funders:
                      - funder: MEDICAL_ASSISTANCE_FUND
                        share: FULL
                """ + CITE;
        assertThat(errorsOf("340321-2025.yaml", yaml)).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(7);
            assertThat(error.message()).contains("unknown Identity code 'POOR'");
        });
    }

    @Test
    void anExtensionOverlappingTheCollectionWindowIsAnError() {
        String yaml = HEADER + "collectionWindow:\n  start: 2024-09-01\n  end: 2024-12-31\n" + CITE.replace("    ", "  ") + """
                categoryExtensions:
                  - category: MIGRANT_WORKER
                    start: 2024-12-01
                    end: 2025-02-28
                    coverageFrom: DAY_AFTER_PAYMENT
                """ + CITE;
        assertThat(errorsOf("340321-2025.yaml", yaml)).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(13);
            assertThat(error.message()).contains("overlaps the collection window");
        });
    }

    @Test
    void twoSchemesWithTheSamePriorityAreAnError() {
        String scheme = """
                  - id: %s
                    name: x
                    anyOf: [TEKUN]
                    mode: DIRECT
                    priority: 1
                    funders:
                      - funder: MEDICAL_ASSISTANCE_FUND
                        share: FULL
                """;
        String yaml = HEADER + "subsidySchemes:\n" + scheme.formatted("a") + CITE + scheme.formatted("b") + CITE;
        assertThat(errorsOf("340321-2025.yaml", yaml)).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(21);
            assertThat(error.message()).contains("priority 1 is also used by scheme 'a'");
        });
    }

    @Test
    void aFileNamedForAnotherRegionOrYearIsAnError() {
        String yaml = HEADER + "personalStandard:\n  amount: \"400.00\"\n" + CITE.replace("    ", "  ");
        assertThat(errorsOf("340321-2024.yaml", yaml)).singleElement()
                .satisfies(error -> assertThat(error.message()).contains("must be named 340321-2025.yaml"));
    }

    @Test
    void aDuplicateKeyIsAnError() {
        String yaml = HEADER + "title: again\n";
        assertThat(errorsOf("340321-2025.yaml", yaml)).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(4);
            assertThat(error.message()).containsIgnoringCase("duplicate");
        });
    }

    @Test
    void anAmountWithMoreThanTwoDecimalsIsAnError() {
        String yaml = HEADER + "personalStandard:\n  amount: \"400.001\"\n" + CITE.replace("    ", "  ");
        assertThat(errorsOf("340321-2025.yaml", yaml)).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(5);
            assertThat(error.message()).contains("bad amount");
        });
    }

    @Test
    void aYamlSyntaxErrorNamesItsLine() {
        String yaml = HEADER + "personalStandard:\n  amount: [\"400.00\"\n";
        assertThat(errorsOf("340321-2025.yaml", yaml)).singleElement().satisfies(error -> assertThat(error.line()).isGreaterThanOrEqualTo(5));
    }
}
