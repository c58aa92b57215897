package io.oauthgov.simulator.model;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * API usage per client per day per endpoint: what the usage API reports. Generated history and live calls
 * land in the same ledger, so a call made through the simulator is visible to the next usage query.
 * Not thread-safe: the owning {@link Organization} serializes access.
 */
public final class UsageLedger {
    private final Map<String, TreeMap<LocalDate, Map<Endpoint, UsageCounts>>> byClient = new HashMap<>();
    private final Map<String, String> clientNames = new HashMap<>();

    private record Endpoint(String templateUri, String httpMethod) {
    }

    public void record(String clientId, String clientName, LocalDate day, String templateUri, String httpMethod,
            int status, long calls) {
        clientNames.put(clientId, clientName);
        byClient.computeIfAbsent(clientId, id -> new TreeMap<>())
                .computeIfAbsent(day, d -> new LinkedHashMap<>())
                .computeIfAbsent(new Endpoint(templateUri, httpMethod), e -> new UsageCounts())
                .add(status, calls);
    }

    /** The last day with any recorded request, or null when the client was never used. */
    public LocalDate lastUseDay(String clientId) {
        TreeMap<LocalDate, Map<Endpoint, UsageCounts>> days = byClient.get(clientId);
        return days == null || days.isEmpty() ? null : days.lastKey();
    }

    /** Rows for the query; {@code onlyClientId} null means the whole organization. */
    public List<UsageRow> query(UsageQuery query, String organizationId, String onlyClientId) {
        Map<RowKey, UsageRowBuilder> rows = new TreeMap<>();
        if (query.lastDay().isBefore(query.firstDay())) {
            return List.of();
        }
        byClient.forEach((clientId, days) -> {
            if (onlyClientId != null && !onlyClientId.equals(clientId)) {
                return;
            }
            // only the query's days: a batched read of a long history asks for a few days of many
            days.subMap(query.firstDay(), true, query.lastDay(), true).forEach((day, endpoints) -> {
                LocalDate bucket = query.granularity().bucketOf(day);
                endpoints.forEach((endpoint, counts) -> {
                    UsageRowBuilder row = new UsageRowBuilder(
                            has(query, UsageQuery.GroupBy.OAuthClientId) ? clientId : null,
                            has(query, UsageQuery.GroupBy.OAuthClientId) ? clientNames.get(clientId) : null,
                            has(query, UsageQuery.GroupBy.OrganizationId) ? organizationId : null,
                            has(query, UsageQuery.GroupBy.TemplateUri) ? endpoint.templateUri() : null,
                            has(query, UsageQuery.GroupBy.HttpMethod) ? endpoint.httpMethod() : null,
                            bucket);
                    rows.computeIfAbsent(row.key(), k -> row).counts.addAll(counts);
                });
            });
        });
        List<UsageRow> result = new ArrayList<>();
        rows.values().forEach(r -> result.add(r.build()));
        return result;
    }

    private static boolean has(UsageQuery query, UsageQuery.GroupBy dimension) {
        return query.groupBy().contains(dimension);
    }

    /**
     * A row's dimensions (absent ones empty), in a deterministic order, date first, so identical inputs give identical
     * output. Days compare as dates, which is their ISO text's order, without rendering that text on every comparison
     * (a query of a 500-client org compares keys tens of thousands of times).
     */
    private record RowKey(LocalDate bucket, String clientId, String organizationId, String templateUri, String httpMethod)
            implements Comparable<RowKey> {
        private static final Comparator<RowKey> ORDER = Comparator.comparing(RowKey::bucket).thenComparing(RowKey::clientId)
                .thenComparing(RowKey::organizationId).thenComparing(RowKey::templateUri).thenComparing(RowKey::httpMethod);

        @Override
        public int compareTo(RowKey other) {
            return ORDER.compare(this, other);
        }
    }

    private static final class UsageRowBuilder {
        private final String clientId;
        private final String clientName;
        private final String organizationId;
        private final String templateUri;
        private final String httpMethod;
        private final LocalDate bucket;
        private final UsageCounts counts = new UsageCounts();

        UsageRowBuilder(String clientId, String clientName, String organizationId, String templateUri,
                String httpMethod, LocalDate bucket) {
            this.clientId = clientId;
            this.clientName = clientName;
            this.organizationId = organizationId;
            this.templateUri = templateUri;
            this.httpMethod = httpMethod;
            this.bucket = bucket;
        }

        RowKey key() {
            return new RowKey(bucket, Objects.toString(clientId, ""), Objects.toString(organizationId, ""),
                    Objects.toString(templateUri, ""), Objects.toString(httpMethod, ""));
        }

        UsageRow build() {
            return new UsageRow(clientId, clientName, organizationId, templateUri, httpMethod,
                    bucket.atStartOfDay(ZoneOffset.UTC).toInstant(), counts);
        }
    }
}
