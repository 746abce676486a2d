package cn.canbao.web.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The one table of the scale benchmark: a row per operation (size, time, throughput, the same-run reference,
 * target, peak heap), the machine it ran on, and the module benchmarks' own result files quoted below it.
 */
final class BenchmarkTable {

    record Row(String operation, String size, String time, String throughput, String reference, String target, String peakHeap) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> storage = new ArrayList<>();
    private final OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
    private final double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

    void add(String operation, String size, double seconds, String throughput, String reference, String target) {
        rows.add(new Row(operation, size, seconds < 0 ? "–" : String.format(Locale.ROOT, "%.1f s", seconds), throughput, reference, target,
                peakHeapMegabytes() + " MB"));
        System.out.printf("[scale benchmark] %s | %s | %s | %s | %s%n", operation, size, rows.get(rows.size() - 1).time(), throughput, reference);
        resetPeakHeap();
    }

    /** Rows and on-disk size (table, indexes, TOAST, all partitions) of one table after the run: the sizing input. */
    void storage(String tableName, long rows, long bytes) {
        storage.add(String.format(Locale.ROOT, "| %s | %,d | %,.1f MB | %s |", tableName, rows, bytes / 1048576.0,
                rows == 0 ? "–" : String.format(Locale.ROOT, "%,d", bytes / rows)));
    }

    void note(String text) {
        notes.add(text);
    }

    static String perSecond(double count, double seconds) {
        return String.format(Locale.ROOT, "%,.0f/s", count / seconds);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1));
    }

    static void resetPeakHeap() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peaks since the last reset: an upper bound of the live heap the step needed. */
    static long peakHeapMegabytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    }

    /** loadClient: where the registration API's load generator ran (wrk in its own process, or this JVM). */
    String render(String postgresVersion, String loadClient, double totalSeconds) {
        StringBuilder md = new StringBuilder();
        md.append("# Scale benchmark: latest run\n\n");
        md.append("Written by `bin/benchmark` (`cn.canbao.web.benchmark.ScaleBenchmark`); `docs/performance.md` quotes it.\n\n");
        md.append(String.format(Locale.ROOT, "- **When:** %s UTC, %.1f minutes from the application start to this table%n", started.toLocalDateTime(), totalSeconds / 60));
        md.append(String.format(Locale.ROOT, "- **Machine:** %d cores, %s memory, %s %s; load average %.2f at start, %.2f at end%n",
                Runtime.getRuntime().availableProcessors(), totalMemory(), System.getProperty("os.name"), System.getProperty("os.arch"),
                loadAtStart, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        md.append(String.format(Locale.ROOT, "- **Java:** %s (%s), application heap limit %d MB (`-Xmx`); registration load client: %s%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory() >> 20, loadClient));
        md.append("- **PostgreSQL:** ").append(postgresVersion).append('\n');
        md.append("\n| operation | size | time | throughput | same-run reference | target | peak heap |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row r : rows) {
            md.append("| ").append(String.join(" | ", r.operation(), r.size(), r.time(), r.throughput(), r.reference(), r.target(), r.peakHeap()))
                    .append(" |\n");
        }
        if (!storage.isEmpty()) {
            md.append("\nStorage after the run (table + indexes + TOAST, all partitions; the input of docs/scaling.md):\n\n");
            md.append("| table | rows | size | bytes per row |\n| --- | --- | --- | --- |\n");
            storage.forEach(line -> md.append(line).append('\n'));
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    /** The module benchmarks' result files from this checkout (their own generators and references), quoted as written. */
    static String moduleResults(Path root) throws IOException {
        StringBuilder md = new StringBuilder("\n## Module benchmarks (`./mvnw -B -Pbenchmark test`), as they wrote their files\n");
        boolean any = false;
        for (String module : List.of("policy-rules", "enrollment-core", "subsidy-engine", "collection-tracking")) {
            Path dir = root.resolve(module).resolve("target/benchmark-results");
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.sorted().toList()) {
                    any = true;
                    md.append("\n### ").append(module).append(" / ").append(file.getFileName())
                            .append(" (").append(Files.getLastModifiedTime(file)).append(")\n\n```\n")
                            .append(Files.readString(file, StandardCharsets.UTF_8).strip()).append("\n```\n");
                }
            }
        }
        return any ? md.toString() : md.append("\nNone in this checkout: run `bin/benchmark` without `--scale-only`.\n").toString();
    }

    private static String totalMemory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
                    .map(l -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
