package io.oauthgov.simulator.generator;

import io.oauthgov.simulator.model.Json;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a correct pipeline should conclude about every generated client ({@code truth.json}). Byte-identical for
 * the same seed, organization/client counts and anchor: it holds no secrets and nothing derived from wall time.
 */
public record GroundTruth(long seed, String anchor, Map<Category, Integer> categoryCounts, List<OrgTruth> orgs) {

    public GroundTruth {
        categoryCounts = Map.copyOf(categoryCounts);
        orgs = List.copyOf(orgs);
    }

    public static GroundTruth of(long seed, String anchor, List<OrgTruth> orgs) {
        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        orgs.forEach(o -> o.clients().forEach(c -> counts.merge(c.category(), 1, Integer::sum)));
        return new GroundTruth(seed, anchor, counts, orgs);
    }

    public String toJson() {
        return Json.pretty(this);
    }

    public Optional<ClientTruth> client(String clientId) {
        return orgs.stream().flatMap(o -> o.clients().stream()).filter(c -> c.id().equals(clientId)).findFirst();
    }

    public List<ClientTruth> clientsIn(Category category) {
        return orgs.stream().flatMap(o -> o.clients().stream()).filter(c -> c.category() == category).toList();
    }
}
