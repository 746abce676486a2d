package cn.canbao.web.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.canbao.collection.payment.PaymentField;
import cn.canbao.collection.payment.PaymentRowParser;
import cn.canbao.enrollment.person.ResidentIdNumber;

class PopulationGeneratorTest {

    private static final int RESIDENTS = 5_000;

    @TempDir
    Path temp;

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedDifferentOnes() throws IOException {
        PopulationGenerator.Result first = PopulationGenerator.generate(PopulationSpec.of(7, RESIDENTS, "340321", 2025), temp.resolve("a"));
        PopulationGenerator.Result again = PopulationGenerator.generate(PopulationSpec.of(7, RESIDENTS, "340321", 2025), temp.resolve("b"));
        PopulationGenerator.Result other = PopulationGenerator.generate(PopulationSpec.of(8, RESIDENTS, "340321", 2025), temp.resolve("c"));

        assertThat(again.sha256()).isEqualTo(first.sha256());
        assertThat(again.combinedSha256()).isEqualTo(first.combinedSha256());
        assertThat(Files.mismatch(temp.resolve("a/payments.csv"), temp.resolve("b/payments.csv"))).isEqualTo(-1L);
        assertThat(Files.readString(temp.resolve("a/manifest.txt"))).isEqualTo(Files.readString(temp.resolve("b/manifest.txt")));
        assertThat(other.combinedSha256()).isNotEqualTo(first.combinedSha256());
        assertThat(other.sha256().get("residents.csv")).isNotEqualTo(first.sha256().get("residents.csv"));
    }

    @Test
    void everyResidentHasAValidUniqueIdNumberInAGeneratedVillageOfTheCounty() throws IOException {
        PopulationGenerator.Result result = PopulationGenerator.generate(PopulationSpec.of(1, RESIDENTS, "340321", 2025), temp);
        List<String[]> residents = rows(temp.resolve(PopulationGenerator.RESIDENTS));
        Set<String> villages = new HashSet<>();
        rows(temp.resolve(PopulationGenerator.REGIONS)).forEach(r -> villages.add(r[0]));

        assertThat(residents).hasSize(RESIDENTS);
        assertThat(result.rows()).containsEntry(PopulationGenerator.RESIDENTS, (long) RESIDENTS);
        Set<String> numbers = new HashSet<>();
        for (String[] r : residents) {
            if (r[3].equals("居民身份证")) {
                assertThat(ResidentIdNumber.check(r[4], LocalDate.of(2024, 12, 20)).valid()).as(r[4]).isTrue();
            }
            assertThat(numbers.add(r[4])).as("unique " + r[4]).isTrue();
            assertThat(r[7]).startsWith("340321");
            assertThat(villages).contains(r[7]);
        }
    }

    @Test
    void identitySharesStudentsAndNewbornsAreInTheChosenRanges() throws IOException {
        int size = 40_000;
        Map<String, Long> figures = PopulationGenerator.generate(PopulationSpec.of(3, size, "340321", 2025), temp).figures();

        assertThat(share(figures, "identity DIBAO", size)).isBetween(0.02, 0.04);
        assertThat(share(figures, "identity POVERTY_ALLEVIATED", size)).isBetween(0.035, 0.065);
        assertThat(share(figures, "identity TEKUN", size)).isBetween(0.002, 0.008);
        assertThat(share(figures, "identity SEVERE_DISABILITY", size)).isBetween(0.007, 0.02);
        assertThat(share(figures, "newborns", size)).isBetween(0.004, 0.012);
        assertThat(share(figures, "students enrolled by their school", size)).isBetween(0.08, 0.2);
        assertThat(share(figures, "migrant workers", size)).isBetween(0.08, 0.2);
        assertThat(share(figures, "enrolled last year", size)).isBetween(0.88, 0.97);
        assertThat(figures).doesNotContainKey("identity LOW_INCOME_RURAL");
    }

    @Test
    void thePaymentFileParsesWithTheImportParserExceptThePlantedFaultyRows() throws IOException {
        Map<String, Long> figures = PopulationGenerator.generate(PopulationSpec.of(5, 20_000, "340321", 2025), temp).figures();
        List<String> lines = Files.readAllLines(temp.resolve(PopulationGenerator.PAYMENTS), StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",", -1);
        long rejected = 0;
        Set<String> transactions = new HashSet<>();
        long resent = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            Map<PaymentField, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(PaymentField.forHeader(header[c]).orElseThrow(), cells[c].isEmpty() ? null : cells[c]);
            }
            if (!PaymentRowParser.parse(i + 1, row).accepted()) {
                rejected++;
            }
            if (!transactions.add(cells[0])) {
                resent++;
            }
        }
        long planted = figures.get("payment rows with an error");
        assertThat(planted).isPositive();
        assertThat(rejected).isPositive().isLessThanOrEqualTo(planted);
        assertThat(resent).isEqualTo(figures.get("payment rows sent twice"));
        assertThat(lines).anyMatch(l -> l.contains(",冲正,SW2025"));
        assertThat(lines).anyMatch(l -> l.contains(",皖事通,")).anyMatch(l -> l.contains(",学校代收,")).anyMatch(l -> l.contains(",代征社区,"));
    }

    @Test
    void rosterRowsOfABirthCertificateStateSexAndBirthDate() throws IOException {
        PopulationGenerator.generate(PopulationSpec.of(11, 40_000, "340321", 2025), temp);
        List<String[]> certificateRows = new java.util.ArrayList<>();
        for (String roster : List.of("roster-civil-affairs.csv", "roster-rural-revitalization.csv", "roster-disabled-persons-federation.csv",
                "roster-hospital-newborn.csv")) {
            rows(temp.resolve(roster)).stream().filter(r -> r[1].equals("出生医学证明")).forEach(certificateRows::add);
        }
        assertThat(certificateRows).isNotEmpty().allSatisfy(r -> {
            assertThat(r[3]).isIn("男", "女");
            assertThat(r[4]).startsWith("2024-");
        });
    }

    private static double share(Map<String, Long> figures, String key, int size) {
        return figures.getOrDefault(key, 0L) / (double) size;
    }

    private static List<String[]> rows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
    }
}
