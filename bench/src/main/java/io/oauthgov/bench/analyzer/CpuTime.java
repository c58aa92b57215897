package io.oauthgov.bench.analyzer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time, to tell a stage that computes from one that waits: a stream thread on CPU for most of a pass is
 * compute-bound, one far below that waits on I/O (commits, fetches) or on the other threads of this 2-core JVM.
 */
final class CpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTime() {}

    /** Summed CPU nanoseconds of the live Kafka Streams stream threads whose name contains {@code prefix}. */
    static long ofThreadsNamed(String prefix) {
        long total = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(prefix) && info.getThreadName().contains("StreamThread")) {
                total += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /**
     * Nanoseconds the JVM's threads spent runnable but waiting for a CPU (summed {@code /proc/self/task/&#42;/schedstat}
     * run-queue wait), or 0 where there is no /proc. Large next to the CPU time means the machine was oversubscribed
     * (other processes, or more busy threads than cores), so wall-clock rates understate the code.
     */
    static long runQueueWait() {
        long total = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(
                Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String[] fields = Files.readString(task.resolve("schedstat")).trim().split("\\s+");
                    total += Long.parseLong(fields[1]);
                } catch (IOException | RuntimeException e) {
                    // The thread ended between listing and reading: its share is lost, which is fine for a diagnostic.
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return total;
    }

    /** CPU nanoseconds of the whole JVM (broker, clients, stages), or 0 where the platform does not tell. */
    static long ofProcess() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
