package io.oauthgov.bench.results;

import io.oauthgov.bench.Metric;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The printed summary: every metric with its value, unit, goal and verdict, then what each number means. */
public final class ResultsTable {
    private ResultsTable() {}

    public static void print(PrintStream out, RunInfo run, List<Metric> metrics) {
        out.printf("%nResults (%s mode, %s, git %s, %d cores, %s)%n", run.mode(), run.date(), run.revisionLabel(), run.cores(), run.java());
        out.printf("%-36s %18s %-10s %-52s %s%n", "metric", "value", "unit", "goal", "met");
        out.println("-".repeat(124));
        for (Metric metric : metrics) {
            out.printf("%-36s %18s %-10s %-52s %s%n", metric.name(), value(metric), metric.unit(),
                    truncate(metric.goal().text(), 52), verdict(metric));
        }
        out.println();
        for (Metric metric : metrics) {
            out.printf("  %s: %s%n", metric.name(), metric.note());
        }
    }

    static String value(Metric metric) {
        if (metric.value() == null) {
            return metric.note().startsWith("pending") ? metric.note()
                    : metric.note().startsWith("not measured in quick mode") ? "full mode only" : "not measured";
        }
        double v = metric.value();
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String verdict(Metric metric) {
        Boolean met = metric.goalMet();
        return met == null ? "" : met ? "yes" : "NO";
    }

    private static String truncate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
