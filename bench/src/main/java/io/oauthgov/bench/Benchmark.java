package io.oauthgov.bench;

import java.util.List;

/**
 * One measurement of the harness. It returns every metric it owns, measured or not (a metric it could not measure
 * comes back with a null value and the reason), so the table always lists every metric and its goal.
 * Adding a measurement is one more implementation registered in {@link BenchmarkRegistry}.
 */
public interface Benchmark {
    /** Short name for progress lines. */
    String name();

    /** Whether it runs against the run's shared embedded broker; those run first, the others after it stopped. */
    default boolean needsBroker() {
        return true;
    }

    List<Metric> run(BenchContext context) throws Exception;
}
