package io.oauthgov.bench.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process's peak resident set size as the kernel records it: {@code VmHWM} ("high water mark") in
 * {@code /proc/<pid>/status}. The kernel keeps the maximum, so polling only has to catch the last value before the
 * process exits. Linux only; elsewhere nothing is reported.
 */
final class PeakRss {
    private PeakRss() {}

    /** VmHWM in kB, empty when the process is gone or /proc is not there. */
    static Optional<Long> kilobytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
