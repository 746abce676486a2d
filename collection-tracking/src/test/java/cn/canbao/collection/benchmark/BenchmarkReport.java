package cn.canbao.collection.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Collects benchmark lines, prints them and writes them to target/benchmark-results/<name>.txt. */
final class BenchmarkReport {

    private final String name;
    private final List<String> lines = new ArrayList<>();

    BenchmarkReport(String name) {
        this.name = name;
        line("# " + name + " — " + Instant.now() + " — " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + ", load average at start " + loadAverage() + " (the machine is shared)");
    }

    void line(String text) {
        lines.add(text);
        System.out.println("[benchmark] " + text);
    }

    void write() {
        try {
            Path dir = Path.of("target", "benchmark-results");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".txt"), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
