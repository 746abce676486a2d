package cn.canbao.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A second JVM on the test classpath, started to be killed: {@link #kill()} is
 * {@link Process#destroyForcibly()}, which is SIGKILL on Linux (no shutdown hooks, no finally
 * blocks, sockets dropped), like {@code kill -9} of the application.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static ChildJvm start(Class<?> mainClass, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-Duser.timezone=Asia/Shanghai", "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ChildJvm(process, log);
    }

    /** Waits until the condition holds while the child still runs; fails if it exits or the time runs out. */
    public void awaitWhileAlive(BooleanSupplier condition, long timeoutSeconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError("the child JVM ended (exit " + process.exitValue() + ") before " + what + "; its output is in " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + timeoutSeconds + " s; the child's output is in " + log);
            }
            Thread.sleep(20);
        }
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the child JVM survived SIGKILL");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
