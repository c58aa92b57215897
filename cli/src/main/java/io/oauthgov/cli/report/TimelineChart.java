package io.oauthgov.cli.report;

import static io.oauthgov.cli.report.Html.count;
import static io.oauthgov.cli.report.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The executor's timeline as an inline SVG drawn here, in Java, so the report needs no charting library and shows
 * the same picture with scripts disabled: one cumulative step line per outcome kind, their total, and the rate
 * budget as the number of calls the executor identities were allowed since the first event. Each outcome costs at
 * least one call, so every line staying under the budget line is what rate governance promises.
 */
final class TimelineChart {
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 340;
    private static final int LEFT = 64;
    private static final int RIGHT = 24;
    private static final int TOP = 16;
    private static final int BOTTOM = 44;
    private static final List<String> KIND_ORDER = List.of("DEACTIVATED", "DELETED", "RESTORED", "DRY_RUN",
            "ALREADY_ABSENT", "CONFLICT_SKIPPED", "BLOCKED_PROTECTED", "FAILED");
    private static final Map<String, String> KIND_COLORS = Map.of(
            "DEACTIVATED", "#d97706", "DELETED", "#dc2626", "RESTORED", "#16a34a", "DRY_RUN", "#4f46e5",
            "ALREADY_ABSENT", "#64748b", "CONFLICT_SKIPPED", "#9333ea", "BLOCKED_PROTECTED", "#0284c7", "FAILED", "#7f1d1d");
    private static final long[] TIME_STEPS_MS = {1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000,
            600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000,
            172_800_000, 604_800_000};

    private record Event(Instant at, String kind) {}

    private TimelineChart() {}

    /**
     * The chart with its legend (HTML above the SVG, so long kind names wrap instead of overflowing), or null when the
     * timeline holds no event with a readable time.
     */
    static String render(JsonNode timeline, JsonNode rateBudget) {
        List<Event> events = new ArrayList<>();
        for (JsonNode node : timeline) {
            Instant at = Html.instant(Html.text(node, "at"));
            if (at != null) {
                events.add(new Event(at, Html.text(node, "kind").isEmpty() ? "UNKNOWN" : Html.text(node, "kind")));
            }
        }
        if (events.isEmpty()) {
            return null;
        }
        events.sort(Comparator.comparing(Event::at));
        Instant start = events.get(0).at();
        Instant end = events.get(events.size() - 1).at();
        long spanMs = Math.max(1_000, Duration.between(start, end).toMillis());
        long domainMs = spanMs + Math.max(500, spanMs / 25); // a little room after the last event
        long budgetPerMinute = executorBudgetPerMinute(rateBudget);
        long yMax = niceCeiling(Math.max(4, Math.round(events.size() * 1.15)));

        Scale scale = new Scale(start, domainMs, yMax);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"timeline\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" aria-labelledby=\"timeline-title\">")
                .append("<title id=\"timeline-title\">Executor outcomes over time (cumulative) against the rate budget</title>");
        axes(svg, scale, start, domainMs, yMax);
        if (budgetPerMinute > 0) {
            budgetLine(svg, scale, budgetPerMinute, domainMs, yMax);
        }
        Map<String, List<Instant>> byKind = byKind(events);
        List<String[]> legend = new ArrayList<>();
        byKind.forEach((kind, times) -> {
            String color = KIND_COLORS.getOrDefault(kind, "#94a3b8");
            svg.append(stepPath(scale, times, end, color, 2.2, "kind-" + Html.token(kind), kind + ": " + count(times.size())));
            legend.add(new String[] {color, kind + " " + count(times.size()), "solid"});
        });
        if (byKind.size() > 1) {
            svg.append(stepPath(scale, events.stream().map(Event::at).toList(), end, "#0f172a", 1.4, "total",
                    "all outcomes: " + count(events.size())));
            legend.add(new String[] {"#0f172a", "all outcomes " + count(events.size()), "thin"});
        }
        if (budgetPerMinute > 0) {
            legend.add(new String[] {"#0f766e", "rate budget " + count(budgetPerMinute) + " calls/min", "dashed"});
        }
        svg.append("</svg>");
        return "<figure class=\"timeline-figure\">" + legend(legend) + svg + "</figure>";
    }

    /** Maps time and count onto the plot area. */
    private record Scale(Instant start, long domainMs, long yMax) {
        double x(Instant at) {
            return LEFT + (WIDTH - LEFT - RIGHT) * (double) Duration.between(start, at).toMillis() / domainMs;
        }

        double xMs(double ms) {
            return LEFT + (WIDTH - LEFT - RIGHT) * ms / domainMs;
        }

        double y(double value) {
            return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * value / yMax;
        }
    }

    private static void axes(StringBuilder svg, Scale scale, Instant start, long domainMs, long yMax) {
        long yStep = niceCeiling(Math.max(1, yMax / 5));
        svg.append("<g class=\"axis\">");
        for (long v = 0; v <= yMax; v += yStep) {
            double y = scale.y(v);
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>",
                    LEFT, WIDTH - RIGHT, y, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT - 8, y + 4, count(v)));
        }
        long step = timeStep(domainMs);
        DateTimeFormatter format = DateTimeFormatter.ofPattern(domainMs >= 86_400_000 ? "MM-dd HH:mm"
                : step >= 60_000 ? "HH:mm" : "HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
        long first = ((start.toEpochMilli() + step - 1) / step) * step; // the first round time at or after the start
        for (long t = first; t - start.toEpochMilli() <= domainMs; t += step) {
            double x = scale.x(Instant.ofEpochMilli(t));
            svg.append(String.format(Locale.ROOT, "<line class=\"tick\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>",
                    x, x, HEIGHT - BOTTOM, HEIGHT - BOTTOM + 5));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    x, HEIGHT - BOTTOM + 20, format.format(Instant.ofEpochMilli(t))));
        }
        svg.append(String.format(Locale.ROOT, "<line class=\"baseline\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>",
                LEFT, WIDTH - RIGHT, HEIGHT - BOTTOM, HEIGHT - BOTTOM));
        svg.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">time (UTC)</text>",
                WIDTH - RIGHT, HEIGHT - 6));
        svg.append(String.format(Locale.ROOT,
                "<text class=\"label\" transform=\"rotate(-90)\" x=\"%d\" y=\"14\" text-anchor=\"middle\">outcomes (cumulative)</text>",
                -(TOP + (HEIGHT - TOP - BOTTOM) / 2)));
        svg.append("</g>");
    }

    /** Calls allowed since the first event, clipped where it leaves the plot. */
    private static void budgetLine(StringBuilder svg, Scale scale, long perMinute, long domainMs, long yMax) {
        double allowedAtEnd = perMinute * domainMs / 60_000.0;
        double endMs = allowedAtEnd <= yMax ? domainMs : yMax * 60_000.0 / perMinute;
        double endValue = Math.min(allowedAtEnd, yMax);
        svg.append(String.format(Locale.ROOT, "<line class=\"budget\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\">"
                        + "<title>rate budget: %s calls per minute</title></line>",
                scale.xMs(0), scale.y(0), scale.xMs(endMs), scale.y(endValue), count(perMinute)));
    }

    /** A cumulative count as a step line, held level after its last event until the timeline's end. */
    private static String stepPath(Scale scale, List<Instant> times, Instant end, String color, double width, String cssClass,
                                   String title) {
        StringBuilder d = new StringBuilder(String.format(Locale.ROOT, "M%.1f %.1f", scale.x(times.get(0)), scale.y(0)));
        for (int i = 0; i < times.size(); i++) {
            d.append(String.format(Locale.ROOT, "H%.1fV%.1f", scale.x(times.get(i)), scale.y(i + 1)));
        }
        d.append(String.format(Locale.ROOT, "H%.1f", scale.x(end)));
        return String.format(Locale.ROOT, "<path class=\"series %s\" d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\">"
                + "<title>%s</title></path>", cssClass, d, color, width, esc(title));
    }

    /** Items are {color, label, line style}; the swatch is a tiny SVG so it matches the plotted line exactly. */
    private static String legend(List<String[]> items) {
        StringBuilder html = new StringBuilder("<div class=\"legend\">");
        for (String[] item : items) {
            String dash = item[2].equals("dashed") ? " stroke-dasharray=\"6 4\"" : "";
            String width = item[2].equals("thin") ? "1.6" : "3";
            html.append("<span class=\"legend-item\"><svg width=\"26\" height=\"10\" aria-hidden=\"true\"><line x1=\"0\" x2=\"26\" ")
                    .append("y1=\"5\" y2=\"5\" stroke=\"").append(item[0]).append("\" stroke-width=\"").append(width).append('"')
                    .append(dash).append("/></svg>").append(esc(item[1])).append("</span>");
        }
        return html.append("</div>").toString();
    }

    private static Map<String, List<Instant>> byKind(List<Event> events) {
        Map<String, List<Instant>> byKind = new LinkedHashMap<>();
        events.stream().map(Event::kind).distinct()
                .sorted(Comparator.comparingInt((String k) -> KIND_ORDER.contains(k) ? KIND_ORDER.indexOf(k) : KIND_ORDER.size())
                        .thenComparing(Comparator.naturalOrder()))
                .forEach(kind -> byKind.put(kind, new ArrayList<>()));
        events.forEach(e -> byKind.get(e.kind()).add(e.at()));
        return byKind;
    }

    /**
     * Calls per minute the executor identities may make together. Entries without a role (or when no identity is
     * marked as the executor's) all count: the budget line must never look tighter than it was.
     */
    private static long executorBudgetPerMinute(JsonNode rateBudget) {
        long executor = 0;
        long all = 0;
        for (JsonNode entry : rateBudget) {
            long budget = Html.number(entry, "budgetPerMinute");
            all += budget;
            if (Html.text(entry, "role").toUpperCase(Locale.ROOT).contains("EXEC")) {
                executor += budget;
            }
        }
        return executor > 0 ? executor : all;
    }

    /** The smallest 1, 2 or 5 times a power of ten that is at least {@code value}. */
    static long niceCeiling(long value) {
        long power = 1;
        while (power * 10 <= value) {
            power *= 10;
        }
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * power >= value) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static long timeStep(long domainMs) {
        for (long step : TIME_STEPS_MS) {
            if (domainMs / step <= 7) {
                return step;
            }
        }
        return TIME_STEPS_MS[TIME_STEPS_MS.length - 1] * Math.max(1, domainMs / TIME_STEPS_MS[TIME_STEPS_MS.length - 1] / 7);
    }
}
