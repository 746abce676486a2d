package cn.canbao.collection.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import cn.canbao.collection.CollectionTestConfiguration;
import cn.canbao.collection.TestDatabase;
import cn.canbao.collection.progress.ProgressRollupRepository;
import cn.canbao.collection.progress.ProgressRow;
import cn.canbao.collection.progress.ProgressService;
import cn.canbao.region.RegionCode;

/**
 * The progress query for a city's whole tree (呼伦贝尔市: 14 counties, 168 demo townships, 2,016 demo
 * villages) over 2,000,000 enrollments (issue 6/8: p95 under 50 ms), printed next to a plain
 * GROUP BY over the raw person rows giving the same numbers.
 */
@Tag("benchmark")
@SpringBootTest(classes = CollectionTestConfiguration.class)
class ProgressTreeBenchmark {

    static final int ENROLLMENTS = 2_000_000;
    static final RegionCode CITY = RegionCode.of("150700");
    static final LocalDate WINDOW_START = LocalDate.of(2024, 9, 3);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    ProgressService progress;
    @Autowired
    ProgressRollupRepository rollups;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void answersTheCityTreeFromTheRollups() {
        BenchmarkReport report = new BenchmarkReport("collection-progress-tree");
        new TestDatabase(jdbc).clean();
        SyntheticCollectionData data = new SyntheticCollectionData(dataSource, 7);
        long start = System.nanoTime();
        List<RegionCode> counties = jdbc.queryForList("SELECT code FROM region WHERE parent_code = '150700' ORDER BY code", String.class)
                .stream().map(RegionCode::of).toList();
        List<RegionCode> villages = data.demoVillages(counties, 12, 12);
        data.enrollments(2025, ENROLLMENTS, villages, WINDOW_START, 178);
        jdbc.execute("ANALYZE");
        report.line("setup: %,d enrollments in %d counties, %d villages, loaded by COPY in %.1f s"
                .formatted(ENROLLMENTS, counties.size(), villages.size(), BenchmarkReport.seconds(start)));

        start = System.nanoTime();
        transaction.executeWithoutResult(status -> {
            rollups.createNewStatusTable();
            // 90% paid 0-29 days after registering; every 20th person special.
            jdbc.update("INSERT INTO new_status SELECT coverage_year, id_number, region_code, registered_on, false, "
                    + "abs(hashtext(id_number)) % 20 = 0, CASE WHEN abs(hashtext(id_number)) % 10 <> 0 "
                    + "THEN registered_on + abs(hashtext(id_number || 'p')) % 30 END, 40000 FROM collection_enrollment_v WHERE coverage_year = 2025");
            rollups.apply(2025, true);
        });
        jdbc.execute("ANALYZE");
        Long rollupRows = jdbc.queryForObject("SELECT count(*) FROM progress_cumulative", Long.class);
        report.line("rollup build from %,d person statuses (incremental path, all new): %.1f s, %,d cumulative rows"
                .formatted(ENROLLMENTS, BenchmarkReport.seconds(start), rollupRows));

        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            dates.add(WINDOW_START.plusDays((i * 37L) % 200));
        }
        for (int i = 0; i < 20; i++) {
            progress.tree(CITY, 2025, dates.get(i), ProgressService.WHOLE_TREE);
        }
        List<Double> treeMillis = new ArrayList<>();
        int rows = 0;
        for (LocalDate date : dates) {
            long t = System.nanoTime();
            rows = progress.tree(CITY, 2025, date, ProgressService.WHOLE_TREE).size();
            treeMillis.add((System.nanoTime() - t) / 1e6);
        }
        report.line("progress tree from rollups: %d units per query, %d queries: p50 %.1f ms, p95 %.1f ms, max %.1f ms — target p95 < 50 ms"
                .formatted(rows, treeMillis.size(), percentile(treeMillis, 50), percentile(treeMillis, 95), Collections.max(treeMillis)));

        String rawGroupBy = "SELECT chain.code, count(*) FILTER (WHERE s.registered_on <= ?) AS enrolled, "
                + "count(*) FILTER (WHERE s.paid_on <= ?) AS paid, count(*) FILTER (WHERE s.special AND s.paid_on <= ?) AS special_paid "
                + "FROM collection_person_status s CROSS JOIN LATERAL unnest(collection_region_chain(s.region_code)) AS chain(code) "
                + "WHERE s.coverage_year = 2025 AND s.region_code LIKE '1507%' GROUP BY chain.code";
        List<Double> rawMillis = new ArrayList<>();
        Map<String, Long> rawPaid = Map.of();
        for (int i = 0; i < 10; i++) {
            LocalDate date = dates.get(i);
            long t = System.nanoTime();
            rawPaid = jdbc.query(rawGroupBy, (rs, n) -> Map.entry(rs.getString(1), rs.getLong(3)), date, date, date).stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            rawMillis.add((System.nanoTime() - t) / 1e6);
        }
        report.line("reference: plain GROUP BY over the raw person rows (same numbers), %d queries: p50 %.1f ms, p95 %.1f ms"
                .formatted(rawMillis.size(), percentile(rawMillis, 50), percentile(rawMillis, 95)));
        report.write();

        LocalDate last = dates.get(9);
        Map<RegionCode, ProgressRow> tree = progress.tree(CITY, 2025, last, ProgressService.WHOLE_TREE).stream()
                .collect(Collectors.toMap(ProgressRow::code, r -> r));
        assertThat(tree.get(CITY).progress().paid()).isEqualTo(rawPaid.get("150700"));
        assertThat(tree.get(villages.get(0)).progress().paid()).isEqualTo(rawPaid.get(villages.get(0).value()));
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
