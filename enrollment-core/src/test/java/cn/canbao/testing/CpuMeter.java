package cn.canbao.testing;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

/**
 * CPU seconds spent by this JVM and by the benchmark's own PostgreSQL server (the postmaster, its live processes and
 * those that ended, read from {@code /proc}) between two readings. On a machine of two cores shared with other work,
 * wall time mixes in whatever else runs; CPU time says what a step itself costs. Linux only: elsewhere the server's
 * share reads NaN.
 */
public final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ

    private final Path postmaster;

    private CpuMeter(Path postmaster) {
        this.postmaster = postmaster;
    }

    /** A meter for the server behind this data source (its postmaster is the parent of a backend). */
    public static CpuMeter of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            String[] backend = statFields(Path.of("/proc", Long.toString(rs.getLong(1)), "stat"));
            return new CpuMeter(backend == null ? null : Path.of("/proc", backend[1]));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CPU used so far; subtract an earlier reading to get a step's share. */
    public Reading read() {
        long gc = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, collector.getCollectionTime());
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Reading(os.getProcessCpuTime() / 1e9, serverSeconds(), gc,
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
    }

    /** JVM and server CPU seconds, with the JVM's garbage collection and JIT compilation times in milliseconds. */
    public record Reading(double jvm, double server, long gcMillis, long jitMillis) {

        public Reading minus(Reading start) {
            return new Reading(jvm - start.jvm, server - start.server, gcMillis - start.gcMillis, jitMillis - start.jitMillis);
        }

        public double total() {
            return jvm + server;
        }

        /** "JVM + server", in seconds. */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.2f + %.2f s", jvm, server);
        }
    }

    private double serverSeconds() {
        if (postmaster == null) {
            return Double.NaN;
        }
        String pid = postmaster.getFileName().toString();
        String[] own = statFields(postmaster.resolve("stat"));
        if (own == null) {
            return Double.NaN;
        }
        // The postmaster's own time and its reaped children's (parallel workers that have ended), then the live ones.
        long ticks = Long.parseLong(own[11]) + Long.parseLong(own[12]) + Long.parseLong(own[13]) + Long.parseLong(own[14]);
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                String[] fields = statFields(process.resolve("stat"));
                if (fields != null && fields[1].equals(pid)) {
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** The fields of /proc/PID/stat after the command name: [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime. */
    private static String[] statFields(Path stat) {
        try {
            String text = Files.readString(stat);
            return text.substring(text.lastIndexOf(')') + 2).split(" ");
        } catch (IOException e) {
            return null; // the process ended meanwhile, or there is no /proc
        }
    }
}
