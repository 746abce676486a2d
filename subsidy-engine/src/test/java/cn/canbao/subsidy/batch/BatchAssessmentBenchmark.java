package cn.canbao.subsidy.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import cn.canbao.audit.Actor;
import cn.canbao.policy.FamilyRole;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.region.RegionCode;
import cn.canbao.subsidy.support.Population;
import cn.canbao.subsidy.support.SubsidyTestConfiguration;
import cn.canbao.testing.CpuMeter;

/**
 * Batch assessment of 1,000,000 generated enrollments of 怀远县 2025: the calculator pass alone (in memory), then, after
 * a warm-up run on a quarter as many enrollments of 2024, the full database round trip (COPY-out read, assessment,
 * binary COPY into the run's new results table, primary key, change list, swap, commit) three times: on enrollments never assessed (every result new), a re-run where nothing
 * changed (nothing written), and a run on enrollments already assessed one by one (the usual state: each holds a
 * result its single assessment wrote, which matches no input fingerprint, so every enrollment is assessed again and
 * compared, and the county's results are rebuilt).
 * Run with {@code ./mvnw -B -pl subsidy-engine -am -Pbenchmark test} ({@code -Dbatch.size=250000} while iterating);
 * figures go to {@code target/benchmark-results/batch-assessment.txt}. Target: 200,000 enrollments per second.
 */
@Tag("benchmark")
@SpringBootTest(classes = SubsidyTestConfiguration.class)
class BatchAssessmentBenchmark {

    private static final int SIZE = Integer.getInteger("batch.size", 1_000_000);
    private static final RegionCode HUAIYUAN = RegionCode.of("340321");
    private static final List<String> TOWNSHIPS = List.of("340321001000", "340321002000", "340321003000", "340321100000",
            "340321101000", "340321102000", "340321103000", "340321104000", "340321106000", "340321107000", "340321108000",
            "340321109000", "340321110000", "340321111000", "340321112000", "340321113000", "340321114000", "340321115000",
            "340321116000", "340321117000", "340321205000", "340321400000");

    @Autowired
    BatchAssessmentService batch;
    @Autowired
    DataSource dataSource;

    @Test
    void assessesAMillionEnrollments() throws IOException {
        double loadAverage = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<Population.Person> people = Population.generate(SIZE, TOWNSHIPS, 2025, 42);
        BatchAssessor assessor = batch.assessorFor(HUAIYUAN, 2025);
        List<AssessmentInput> inputs = new ArrayList<>(SIZE);
        for (int i = 0; i < SIZE; i++) {
            Population.Person p = people.get(i);
            inputs.add(new AssessmentInput(i, p.regionCode(), ParticipantCategory.RESIDENT, p.birthDate(),
                    p.identities().isEmpty() ? EnumSet.noneOf(cn.canbao.policy.Identity.class) : EnumSet.copyOf(p.identities()),
                    "女儿".equals(p.relation()) ? FamilyRole.DAUGHTER : FamilyRole.PARENT,
                    p.paidOn() != null ? p.paidOn() : p.registeredOn(), p.paidOn() != null));
        }
        // Two full passes first, so the JIT has compiled the calculator before it is timed.
        for (int warmup = 0; warmup < 2; warmup++) {
            for (AssessmentInput input : inputs) {
                assessor.assess(input);
            }
        }
        long t0 = System.nanoTime();
        long accepted = 0;
        for (AssessmentInput input : inputs) {
            if (assessor.assess(input).accepted()) {
                accepted++;
            }
        }
        double calculatorSeconds = (System.nanoTime() - t0) / 1e9;
        assertThat(accepted).isEqualTo(SIZE);

        long t1 = System.nanoTime();
        long parallelAccepted = IntStream.range(0, SIZE).parallel().filter(i -> assessor.assess(inputs.get(i)).accepted()).count();
        double parallelSeconds = (System.nanoTime() - t1) / 1e9;
        assertThat(parallelAccepted).isEqualTo(SIZE);
        inputs.clear();

        long t2 = System.nanoTime();
        Population.write(dataSource, "bench-" + System.currentTimeMillis() + "-", 2025, people);
        // The generated people are in the database now; garbage collection during the runs should not carry them.
        people = null;
        double loadSeconds = (System.nanoTime() - t2) / 1e9;

        Actor actor = new Actor("benchmark", HUAIYUAN, "127.0.0.1");
        // The same county's 2024 enrollments (a quarter of the size) warm the JIT up on the database path, as the
        // calculator passes above do for the calculator: a running application compiles it once, not per run.
        Population.write(dataSource, "warm-" + System.currentTimeMillis() + "-", 2024,
                Population.generate(SIZE / 4, TOWNSHIPS, 2024, 7));
        RunSummary warmup = batch.run(actor, HUAIYUAN, 2024);
        assertThat(warmup.created()).isEqualTo(warmup.enrollments());
        CpuMeter cpu = CpuMeter.of(dataSource);
        CpuMeter.Reading c0 = cpu.read();
        RunSummary first = batch.run(actor, HUAIYUAN, 2025);
        CpuMeter.Reading c1 = cpu.read();
        RunSummary rerun = batch.run(actor, HUAIYUAN, 2025);
        CpuMeter.Reading c2 = cpu.read();
        assertThat(first.created()).isGreaterThanOrEqualTo(SIZE);
        assertThat(rerun.unchanged()).isEqualTo(first.enrollments());
        assertThat(rerun.changed() + rerun.created()).isZero();
        // The usual state: every enrollment holds the result its single assessment wrote (fingerprint 0, no run).
        long t3 = System.nanoTime();
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute("UPDATE assessment_result_2025_340321 SET input_fingerprint = 0, run_id = NULL");
            statement.execute("VACUUM ANALYZE assessment_result_2025_340321");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        double singleSeconds = (System.nanoTime() - t3) / 1e9;
        CpuMeter.Reading c3 = cpu.read();
        RunSummary onAssessed = batch.run(actor, HUAIYUAN, 2025);
        CpuMeter.Reading c4 = cpu.read();
        assertThat(onAssessed.created()).isZero();
        assertThat(onAssessed.changed()).isZero();
        assertThat(onAssessed.unchanged()).isEqualTo(first.enrollments());

        String report = String.format("""
                Batch assessment benchmark, %s, %d cores, max heap %d MB, PostgreSQL 17 (embedded), %s, load average at start %.2f
                enrollments: %,d (怀远县 2025, 22 townships, ~7%% with a special identity, 80%% paid)
                | pass | time s | enrollments/s | target 200,000/s |
                | calculator only, 1 thread      | %.2f | %,.0f | %s |
                | calculator only, parallel      | %.2f | %,.0f | %s |
                | DB round trip, first run       | %.2f | %,.0f | %s |
                | DB round trip, re-run unchanged | %.2f | %,.0f | %s |
                | DB round trip, first run on enrollments already assessed one by one | %.2f | %,.0f | %s |
                (warm-up before the passes: a first run on %,d enrollments of 2024 took %.2f s)
                (setup, not part of the assessment: COPY of %,d residents + enrollments + identities: %.2f s;
                 turning every result into a single assessment's (fingerprint 0) before the third pass: %.2f s)
                first run, per phase (ms; the pipelined phase overlaps reading, parsing, assessing and writing):
                %s
                  results written %,d
                  %s
                re-run, per phase (ms):
                %s
                  %s
                first run on enrollments already assessed, per phase (ms):
                %s
                  %s
                """, LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), loadAverage, first.enrollments(),
                calculatorSeconds, SIZE / calculatorSeconds, verdict(SIZE / calculatorSeconds),
                parallelSeconds, SIZE / parallelSeconds, verdict(SIZE / parallelSeconds),
                first.millis() / 1000.0, first.enrollments() * 1000.0 / first.millis(), verdict(first.enrollments() * 1000.0 / first.millis()),
                rerun.millis() / 1000.0, rerun.enrollments() * 1000.0 / rerun.millis(), verdict(rerun.enrollments() * 1000.0 / rerun.millis()),
                onAssessed.millis() / 1000.0, onAssessed.enrollments() * 1000.0 / onAssessed.millis(),
                verdict(onAssessed.enrollments() * 1000.0 / onAssessed.millis()),
                warmup.enrollments(), warmup.millis() / 1000.0, SIZE, loadSeconds, singleSeconds, phases(first),
                first.created() + first.changed(), cpu(c1.minus(c0)), phases(rerun), cpu(c2.minus(c1)), phases(onAssessed),
                cpu(c4.minus(c3)));
        System.out.println(report);
        Path out = Path.of("target", "benchmark-results", "batch-assessment.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    /** "CPU: JVM 3.10 s (GC 0.20 s, JIT 0.30 s), PostgreSQL 4.20 s" for one pass. */
    private static String cpu(CpuMeter.Reading pass) {
        return String.format("CPU: JVM %.2f s (GC %.2f s, JIT %.2f s), PostgreSQL %.2f s", pass.jvm(), pass.gcMillis() / 1e3,
                pass.jitMillis() / 1e3, pass.server());
    }

    private static String phases(RunSummary run) {
        StringBuilder out = new StringBuilder();
        run.phaseMillis().forEach((phase, millis) -> out.append(String.format("  %-80s %,8d%n", phase, millis)));
        return out.toString().stripTrailing();
    }

    private static String verdict(double perSecond) {
        return perSecond >= 200_000 ? "met" : "not met";
    }
}
