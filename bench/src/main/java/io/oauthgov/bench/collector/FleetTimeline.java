package io.oauthgov.bench.collector;

import io.oauthgov.simulator.RequestLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where a fleet cycle's time above its floor goes, from the simulator's request log: for every org, how long after
 * the cycle's start its first API call came (start-up: token, producers, lanes), how long before the cycle's end its
 * last one (the tail: final transaction, checkpoint), and whether the calls between ran at the identity's pace
 * (the span's rate and its longest gap). Printed as progress, not a metric.
 */
record FleetTimeline(List<Org> orgs) {
    /** One org's calls relative to the cycle: seconds from start to first call, span, seconds from last call to end. */
    record Org(String identity, int calls, double head, double span, double tail, double longestGap, double gapAt,
               double gapP50, double gapP90, double gapP99) {
        double rate() {
            return span > 0 ? (calls - 1) / span : Double.NaN;
        }
    }

    static FleetTimeline of(List<RequestLog.Entry> log, List<String> identities, Instant started, Instant finished) {
        List<Org> orgs = new ArrayList<>();
        for (String identity : identities) {
            List<RequestLog.Entry> own = log.stream()
                    .filter(e -> identity.equals(e.identity()) && e.path().startsWith("/api/"))
                    .sorted(Comparator.comparing(RequestLog.Entry::at)).toList();
            if (own.isEmpty()) {
                continue;
            }
            double longest = 0;
            double longestAt = 0;
            List<Double> gaps = new ArrayList<>();
            for (int i = 1; i < own.size(); i++) {
                double gap = seconds(own.get(i - 1).at(), own.get(i).at());
                gaps.add(gap);
                if (gap > longest) {
                    longest = gap;
                    longestAt = seconds(started, own.get(i - 1).at());
                }
            }
            Instant first = own.get(0).at();
            Instant last = own.get(own.size() - 1).at();
            gaps.sort(null);
            orgs.add(new Org(identity, own.size(), seconds(started, first), seconds(first, last), seconds(last, finished),
                    longest, longestAt, percentile(gaps, 0.50), percentile(gaps, 0.90), percentile(gaps, 0.99)));
        }
        return new FleetTimeline(orgs);
    }

    String describe() {
        Org slowest = orgs.stream().max(Comparator.comparingDouble(o -> o.head() + o.span())).orElseThrow();
        return String.format("fleet timeline: head (start -> first call) %s s; span rate %s calls/s; tail (last call -> end) %s s; "
                        + "longest gap %s s; last org to finish: %d calls, head %.2f s, span %.2f s (%.1f/s), tail %.2f s, "
                        + "longest gap %.2f s at %.2f s; gaps between an org's calls (ms, median org) p50 %.1f, p90 %.1f, p99 %.1f",
                range(Org::head), range(Org::rate), range(Org::tail), range(Org::longestGap), slowest.calls(), slowest.head(),
                slowest.span(), slowest.rate(), slowest.tail(), slowest.longestGap(), slowest.gapAt(),
                median(Org::gapP50) * 1000, median(Org::gapP90) * 1000, median(Org::gapP99) * 1000);
    }

    private String range(java.util.function.ToDoubleFunction<Org> f) {
        List<Double> values = sorted(f);
        return String.format("%.2f/%.2f/%.2f", values.get(0), values.get(values.size() / 2), values.get(values.size() - 1));
    }

    /** A gap's percentile shows whether the excess is steady (p50 above the pace) or stalls (only p99 is). */
    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }

    private double median(java.util.function.ToDoubleFunction<Org> f) {
        List<Double> values = sorted(f);
        return values.get(values.size() / 2);
    }

    private List<Double> sorted(java.util.function.ToDoubleFunction<Org> f) {
        return orgs.stream().map(f::applyAsDouble).sorted().toList();
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
