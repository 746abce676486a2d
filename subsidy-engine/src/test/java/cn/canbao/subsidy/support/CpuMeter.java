package cn.canbao.subsidy.support;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * CPU seconds spent by this JVM and by the benchmark's own PostgreSQL server (the postmaster and its children, read
 * from {@code /proc}) between two readings. On a machine of two cores shared with other work, wall time mixes in
 * whatever else runs; CPU time says what the run itself costs. Linux only: elsewhere the server's share reads -1.
 */
public final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100.0;

    private final long postmaster;

    private CpuMeter(long postmaster) {
        this.postmaster = postmaster;
    }

    public static CpuMeter of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            long[] backend = stat(rs.getLong(1));
            return new CpuMeter(backend == null ? -1 : backend[0]);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {jvm nanos, server ticks, garbage collection millis, JIT compilation millis} now. */
    public long[] read() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        long gc = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, collector.getCollectionTime());
        }
        return new long[] {jvm, serverTicks(), gc, ManagementFactory.getCompilationMXBean().getTotalCompilationTime()};
    }

    /** "CPU: JVM 3.1 s (GC 0.2 s, JIT 0.3 s), PostgreSQL 4.2 s" between two readings. */
    public static String between(long[] before, long[] after) {
        String jvm = String.format("CPU: JVM %.2f s (GC %.2f s, JIT %.2f s)", (after[0] - before[0]) / 1e9,
                (after[2] - before[2]) / 1e3, (after[3] - before[3]) / 1e3);
        if (before[1] < 0 || after[1] < 0) {
            return jvm + ", PostgreSQL n/a";
        }
        return String.format("%s, PostgreSQL %.2f s", jvm, (after[1] - before[1]) / TICKS_PER_SECOND);
    }

    private long serverTicks() {
        if (postmaster < 0) {
            return -1;
        }
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                long[] stat = stat(pid);
                if (stat != null && (pid == postmaster || stat[0] == postmaster)) {
                    ticks += stat[1];
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks;
    }

    /** {parent pid, utime + stime in ticks} of a process, or null when it is gone or unreadable. */
    private static long[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[11]) + Long.parseLong(fields[12])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
