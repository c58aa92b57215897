package io.oauthgov.bench;

/**
 * Sizes and repetitions of one run. Full mode measures at the sizes the issue names; quick mode keeps the same
 * shapes with fewer repetitions (and fewer records where a number of records only buys precision) to stay under
 * three minutes. Every metric's note states the size it was measured at.
 */
public record Scale(
        boolean quick,
        int rawRecords,
        int rawRepetitions,
        int analyzerOrgs,
        int analyzerClients,
        int analyzerRepetitions,
        int activityClients,
        int activityEventsPerClient,
        int collectorClients,
        int collectorLimitedClients,
        int collectorLimitPerMinute,
        int jmhWarmupIterations,
        int jmhMeasurementIterations,
        boolean demo) {

    public static Scale quickMode() {
        // No demo: its ~40 s child JVM would take the quick run past three minutes; the full run measures it.
        return new Scale(true, 200_000, 3, 50, 100_000, 1, 12_000, 10, 4_000, 400, 6_000, 2, 3, false);
    }

    public static Scale fullMode() {
        return new Scale(false, 1_000_000, 5, 50, 100_000, 3, 20_000, 25, 10_000, 1_500, 6_000, 5, 5, true);
    }

    public String mode() {
        return quick ? "quick" : "full";
    }

    public int activityEvents() {
        return activityClients * activityEventsPerClient;
    }
}
