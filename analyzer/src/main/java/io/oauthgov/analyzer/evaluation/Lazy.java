package io.oauthgov.analyzer.evaluation;

import java.util.function.Supplier;

/**
 * A value computed on first use, then kept. The evaluator judges every client on every input and tick, but the
 * words and evidence of a verdict are read only when it changed and is emitted; building them eagerly was a
 * visible share of the stream thread (Instant.toString, joins, maps). Confined to the evaluating thread.
 */
final class Lazy<T> implements Supplier<T> {
    private Supplier<? extends T> source;
    private T value;

    private Lazy(Supplier<? extends T> source) {
        this.source = source;
    }

    static <T> Lazy<T> of(Supplier<? extends T> source) {
        return new Lazy<>(source);
    }

    static <T> Lazy<T> value(T value) {
        Lazy<T> known = new Lazy<>(null);
        known.value = value;
        return known;
    }

    @Override
    public T get() {
        if (source != null) {
            value = source.get();
            source = null;
        }
        return value;
    }
}
