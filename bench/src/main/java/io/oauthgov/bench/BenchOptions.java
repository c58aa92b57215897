package io.oauthgov.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command line of the harness (bench/run passes its arguments through).
 *
 * <pre>
 *   --quick            fewer repetitions and records, under three minutes
 *   --out DIR          where the run's JSON goes (default bench/results)
 *   --cli-jar PATH     the built oauthgov.jar the demo benchmark runs; without it the demo is not measured
 *   --only a,b         run only these benchmarks (names as printed); the others are listed as not run
 *   --analyzer-set k=v a Kafka Streams setting for the analyzer benchmarks (repeatable), to try a tuning
 * </pre>
 */
public record BenchOptions(boolean quick, Path outDir, Path cliJar, Set<String> only, Map<String, String> analyzerOverrides,
                           String command) {

    public static BenchOptions parse(String[] args) {
        boolean quick = false;
        Path out = Path.of("bench", "results");
        Path cliJar = null;
        Set<String> only = new LinkedHashSet<>();
        Map<String, String> analyzerOverrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--cli-jar" -> cliJar = Path.of(value(args, ++i, "--cli-jar"));
                case "--only" -> only.addAll(List.of(value(args, ++i, "--only").split(",")));
                case "--analyzer-set" -> {
                    String setting = value(args, ++i, "--analyzer-set");
                    int eq = setting.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("--analyzer-set needs key=value, got " + setting);
                    }
                    analyzerOverrides.put(setting.substring(0, eq), setting.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --quick, --out DIR, --cli-jar PATH, --only a,b, --analyzer-set key=value)");
            }
        }
        List<String> shown = new java.util.ArrayList<>(List.of(args));
        int jar = shown.indexOf("--cli-jar");
        if (jar >= 0 && jar + 1 < shown.size()) {
            shown.subList(jar, jar + 2).clear(); // bench/run adds it; the reproducible command is without it
        }
        return new BenchOptions(quick, out, cliJar, only, analyzerOverrides, String.join(" ", List.of("bench/run", String.join(" ", shown))).trim());
    }

    public Scale scale() {
        return quick ? Scale.quickMode() : Scale.fullMode();
    }

    public boolean selected(String benchmark) {
        return only.isEmpty() || only.contains(benchmark);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
