package cn.canbao.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import cn.canbao.money.Money;
import cn.canbao.policy.assessment.Assessment;
import cn.canbao.policy.assessment.AssessmentCalculator;
import cn.canbao.policy.assessment.AssessmentRequest;
import cn.canbao.policy.assessment.Explanation;
import cn.canbao.policy.assessment.Person;
import cn.canbao.policy.assessment.RefundDecision;
import cn.canbao.policy.effective.EffectivePolicy;
import cn.canbao.policy.effective.PolicyCatalog;
import cn.canbao.policy.file.PolicyFile;
import cn.canbao.policy.fiscal.FiscalSplit;
import cn.canbao.policy.fiscal.FiscalSplitCalculator;
import cn.canbao.policy.fiscal.FiscalSplitNotComputable;
import cn.canbao.policy.fiscal.FiscalSplitResult;
import cn.canbao.policy.fiscal.LevelAmount;
import cn.canbao.region.RegionCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Runs the case files in {@code src/test/resources/cases/}: one file per source document, each case an input and
 * the expected output. Only the expected keys a case lists are checked. Kinds: {@code assessment} (default),
 * {@code refund}, {@code fiscal}, {@code policy} (entries of the effective policy).
 */
class PolicyCasesTest {

    private static final PolicyCatalog CATALOG = PolicyCatalog.fromClasspath();
    private static final ObjectMapper YAML = YAMLMapper.builder().build();
    private static final int MINIMUM_CASES_PER_DOCUMENT = 10;

    @TestFactory
    Stream<DynamicContainer> caseFiles() throws URISyntaxException {
        File directory = new File(Objects.requireNonNull(getClass().getClassLoader().getResource("cases")).toURI());
        File[] files = Objects.requireNonNull(directory.listFiles((dir, name) -> name.endsWith(".yaml")));
        Arrays.sort(files);
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        return Arrays.stream(files).map(PolicyCasesTest::container);
    }

    private static DynamicContainer container(File file) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file.toPath()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("has at least " + MINIMUM_CASES_PER_DOCUMENT + " cases",
                () -> assertThat(root.get("cases").size()).isGreaterThanOrEqualTo(MINIMUM_CASES_PER_DOCUMENT)));
        for (JsonNode testCase : root.get("cases")) {
            tests.add(dynamicTest(testCase.get("name").asString(), () -> run(testCase)));
        }
        return dynamicContainer(file.getName() + " — " + root.get("document").asString(), tests.stream());
    }

    private static void run(JsonNode testCase) {
        String kind = testCase.path("kind").asString("assessment");
        RegionCode region = RegionCode.of(testCase.get("region").asString());
        int year = testCase.get("year").asInt();
        JsonNode expect = testCase.get("expect");
        switch (kind) {
            case "assessment" -> assessment(region, year, testCase, expect);
            case "refund" -> refund(region, year, testCase, expect);
            case "fiscal" -> fiscal(region, year, testCase, expect);
            case "policy" -> policy(region, year, expect);
            default -> throw new IllegalArgumentException("unknown case kind " + kind);
        }
    }

    private static void assessment(RegionCode region, int year, JsonNode testCase, JsonNode expect) {
        JsonNode p = testCase.get("person");
        Set<Identity> identities = EnumSet.noneOf(Identity.class);
        p.path("identities").forEach(i -> identities.add(Identity.valueOf(i.asString())));
        Person person = Person.of(LocalDate.parse(p.get("birthDate").asString()), ParticipantCategory.valueOf(p.get("category").asString()))
                .withIdentities(identities)
                .withFamilyRole(p.has("familyRole") ? FamilyRole.valueOf(p.get("familyRole").asString()) : null)
                .withLapse(p.path("lapseYears").asInt(0), p.path("paidBackYears").asInt(0))
                .withLateReason(p.has("lateReason") ? LateReason.valueOf(p.get("lateReason").asString()) : null);
        if (p.path("diedBeforeRegistration").asBoolean(false)) {
            person = person.diedBeforeRegistration(p.path("parentName").asString(null));
        }
        AssessmentRequest request = new AssessmentRequest(person, LocalDate.parse(testCase.get("paymentDate").asString()),
                testCase.has("registrationDate") ? LocalDate.parse(testCase.get("registrationDate").asString()) : null);
        Assessment a = AssessmentCalculator.assess(CATALOG, region, year, request);

        SoftAssertions soft = new SoftAssertions();
        String context = "\n" + a.rejectionMessage() + "\n" + String.join("\n", a.explanation().stream().map(Explanation::toString).toList());
        check(soft, expect, "accepted", a.accepted(), context);
        check(soft, expect, "rejectionReason", a.rejectionReason(), context);
        check(soft, expect, "standard", a.standardAmount(), context);
        check(soft, expect, "personalDue", a.personalDue(), context);
        check(soft, expect, "coverageStart", a.coverageStart(), context);
        check(soft, expect, "coverageEnd", a.coverageEnd(), context);
        check(soft, expect, "route", a.route(), context);
        check(soft, expect, "scheme", a.schemeId(), context);
        check(soft, expect, "registeredName", a.registeredName(), context);
        check(soft, expect, "waitingPeriod", a.waitingPeriod() == null ? null : a.waitingPeriod().status(), context);
        check(soft, expect, "waitingMonths", a.waitingPeriod() == null ? null : a.waitingPeriod().months(), context);
        check(soft, expect, "benefitsFrom", a.waitingPeriod() == null ? null : a.waitingPeriod().benefitsFrom(), context);
        if (expect.has("subsidies")) {
            List<String> expected = new ArrayList<>();
            expect.get("subsidies").forEach(s -> expected.add(s.get("funder").asString() + " " + Money.parse(s.get("amount").asString())
                    + " " + s.get("mode").asString()));
            soft.assertThat(a.subsidies().stream().map(s -> s.funder() + " " + s.amount() + " " + s.mode()).toList())
                    .as("subsidies" + context).containsExactlyInAnyOrderElementsOf(expected);
        }
        if (expect.has("refunds")) {
            List<String> expected = new ArrayList<>();
            expect.get("refunds").forEach(s -> expected.add(s.get("funder").asString() + " " + Money.parse(s.get("amount").asString())));
            soft.assertThat(a.refunds().stream().map(r -> r.funder() + " " + r.amount()).toList())
                    .as("refunds" + context).containsExactlyInAnyOrderElementsOf(expected);
        }
        if (expect.has("cites")) {
            List<String> cited = a.explanation().stream().filter(e -> e.citation() != null).map(e -> e.citation().reference()).toList();
            expect.get("cites").forEach(c -> soft.assertThat(cited).as("citations" + context).contains(c.asString()));
        }
        readsInChinese(soft, a.explanation(), context);
        if (a.rejection() != null) {
            readsInChinese(soft, List.of(a.rejection()), context);
        }
        if (expect.has("messageContains")) {
            soft.assertThat(a.rejectionMessage()).as("rejection message" + context).contains(expect.get("messageContains").asString());
        }
        soft.assertAll();
    }

    private static void refund(RegionCode region, int year, JsonNode testCase, JsonNode expect) {
        EffectivePolicy policy = CATALOG.effective(region, year).orElseThrow();
        RefundDecision decision = AssessmentCalculator.refund(policy, RefundReason.valueOf(testCase.get("reason").asString()),
                LocalDate.parse(testCase.get("requestDate").asString()), LocalDate.parse(testCase.get("coverageStart").asString()));
        assertThat(decision.status().name()).as(decision.reason()).isEqualTo(expect.get("status").asString());
        if (expect.has("cite")) {
            assertThat(decision.citation().reference()).isEqualTo(expect.get("cite").asString());
        }
    }

    private static void fiscal(RegionCode region, int year, JsonNode testCase, JsonNode expect) {
        FiscalSplitResult result = FiscalSplitCalculator.split(CATALOG, region, year, testCase.get("insuredCount").asLong());
        if (expect.has("missing")) {
            assertThat(result).isInstanceOf(FiscalSplitNotComputable.class);
            List<String> missing = ((FiscalSplitNotComputable) result).missing();
            expect.get("missing").forEach(m -> assertThat(String.join("\n", missing)).contains(m.asString()));
            return;
        }
        assertThat(result).as(result.toString()).isInstanceOf(FiscalSplit.class);
        FiscalSplit split = (FiscalSplit) result;
        SoftAssertions soft = new SoftAssertions();
        if (expect.has("total")) {
            soft.assertThat(String.valueOf(split.total())).as("total").isEqualTo(expect.get("total").asString());
        }
        if (expect.has("levels")) {
            soft.assertThat(levels(split.levels())).as("levels").isEqualTo(expected(expect.get("levels")));
        }
        if (expect.has("preAllocationTotal")) {
            soft.assertThat(split.preAllocation().total().toString()).as("pre-allocation total").isEqualTo(expect.get("preAllocationTotal").asString());
        }
        if (expect.has("preAllocation")) {
            soft.assertThat(levels(split.preAllocation().levels())).as("pre-allocation").isEqualTo(expected(expect.get("preAllocation")));
        }
        if (expect.has("preAllocationDue")) {
            soft.assertThat(split.preAllocation().due().toString()).isEqualTo(expect.get("preAllocationDue").asString());
        }
        if (expect.has("settlementDue")) {
            soft.assertThat(split.settlement().due().toString()).isEqualTo(expect.get("settlementDue").asString());
        }
        if (expect.has("countBasis")) {
            soft.assertThat(String.valueOf(split.countBasis())).isEqualTo(expect.get("countBasis").asString());
        }
        readsInChinese(soft, split.explanation(), split.toString());
        if (expect.has("notComputable")) {
            expect.get("notComputable").forEach(m -> soft.assertThat(String.join("\n", split.notComputable())).contains(m.asString()));
        }
        soft.assertAll();
    }

    private static final Pattern DOMAIN_CODE = Pattern.compile("(?<![A-Za-z])(" + Stream.of(Identity.values(),
                    ParticipantCategory.values(), Funder.values(), SubsidyMode.values(), FiscalLevel.values(), FamilyRole.values(),
                    PolicyFile.CoverageFrom.values(), PolicyFile.DeadlineMeasuredBy.values())
            .flatMap(Arrays::stream).map(Enum::name).distinct().collect(Collectors.joining("|")) + ")(?![A-Za-z])");

    /** Every step has Chinese wording with all placeholders filled and no domain code left untranslated. */
    private static void readsInChinese(SoftAssertions soft, List<Explanation> explanation, String context) {
        for (Explanation step : explanation) {
            String chinese = step.text(Locale.SIMPLIFIED_CHINESE);
            soft.assertThat(chinese).as(step.key() + context).doesNotContain("{").doesNotContainPattern(DOMAIN_CODE)
                    .isNotEqualTo(step.text());
        }
    }

    private static Map<String, String> levels(List<LevelAmount> levels) {
        Map<String, String> map = new TreeMap<>();
        levels.forEach(l -> map.put(l.level().name(), l.amount().toString()));
        return map;
    }

    private static Map<String, String> expected(JsonNode node) {
        Map<String, String> map = new TreeMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString()));
        return map;
    }

    private static void policy(RegionCode region, int year, JsonNode expect) {
        EffectivePolicy policy = CATALOG.effective(region, year).orElseThrow();
        for (JsonNode entry : expect.get("entries")) {
            assertThat(policy.entries()).as(entry.toString()).anySatisfy(e -> {
                assertThat(e.rule()).isEqualTo(entry.get("rule").asString());
                if (entry.has("item")) {
                    assertThat(e.item()).isEqualTo(entry.get("item").asString());
                }
                if (entry.has("value")) {
                    assertThat(e.value()).isEqualTo(entry.get("value").asString());
                }
                if (entry.has("fromFile")) {
                    assertThat(e.fromFile()).isEqualTo(entry.get("fromFile").asString());
                }
                if (entry.has("cite")) {
                    assertThat(e.cite().reference()).isEqualTo(entry.get("cite").asString());
                }
            });
        }
    }

    private static void check(SoftAssertions soft, JsonNode expect, String key, Object actual, String context) {
        if (!expect.has(key)) {
            return;
        }
        JsonNode value = expect.get(key);
        String expected = value.isNull() ? null : value.isNumber() ? value.numberValue().toString() : value.asString();
        if (actual instanceof Money && expected != null) {
            expected = Money.parse(expected).toString();
        }
        soft.assertThat(actual == null ? null : actual.toString()).as(key + context).isEqualTo(expected);
    }
}
