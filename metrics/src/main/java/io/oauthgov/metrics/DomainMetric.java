package io.oauthgov.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One domain metric: its Micrometer name (dots, the unit spelled in the name as Prometheus wants it), kind,
 * description and the tag keys every series of it carries. Meters are made only through these methods, which
 * refuse tag values that do not match the keys: Prometheus needs every series of a name to have the same labels.
 */
public record DomainMetric(String name, Kind kind, String description, List<String> tagKeys) {
    public enum Kind { COUNTER, GAUGE }

    public DomainMetric {
        if (!name.startsWith("oauthgov.")) {
            throw new IllegalArgumentException("domain metric names start with oauthgov.: " + name);
        }
        tagKeys = List.copyOf(tagKeys);
    }

    /** The name a Prometheus scrape shows: dots become underscores, counters end in {@code _total}. */
    public String prometheusName() {
        String base = name.replace('.', '_');
        return kind == Kind.COUNTER ? base + "_total" : base;
    }

    /** A counter incremented by the caller. */
    public Counter counter(MeterRegistry registry, String... tagValues) {
        require(Kind.COUNTER);
        return Counter.builder(name).description(description).tags(tags(tagValues)).register(registry);
    }

    /** A counter read from a monotonically growing figure the stage already keeps (no double bookkeeping). */
    public <T> FunctionCounter functionCounter(MeterRegistry registry, T source, ToDoubleFunction<T> count, String... tagValues) {
        require(Kind.COUNTER);
        return FunctionCounter.builder(name, source, count).description(description).tags(tags(tagValues)).register(registry);
    }

    /** A gauge read at scrape time; Micrometer holds {@code source} weakly, so the caller keeps it alive. */
    public <T> Gauge gauge(MeterRegistry registry, T source, ToDoubleFunction<T> value, String... tagValues) {
        require(Kind.GAUGE);
        return Gauge.builder(name, source, value).description(description).tags(tags(tagValues)).strongReference(true)
                .register(registry);
    }

    private void require(Kind wanted) {
        if (kind != wanted) {
            throw new IllegalStateException(name + " is a " + kind + ", not a " + wanted);
        }
    }

    private Tags tags(String... values) {
        if (values.length != tagKeys.size()) {
            throw new IllegalArgumentException(name + " takes tags " + tagKeys + ", got " + values.length + " value(s)");
        }
        Tags tags = Tags.empty();
        for (int i = 0; i < values.length; i++) {
            tags = tags.and(tagKeys.get(i), values[i] == null ? "none" : values[i]);
        }
        return tags;
    }
}
