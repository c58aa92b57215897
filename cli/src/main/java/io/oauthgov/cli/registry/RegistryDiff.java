package io.oauthgov.cli.registry;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.IntegrationRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an import would change, compared on the fields a person maintains (not timestamps or source): new records,
 * changed ones — a protection removed is called out, because it makes a client deletable — and the unchanged count.
 */
public record RegistryDiff(List<IntegrationRecord> added, List<IntegrationRecord> changed, int unchanged, List<String> lines) {

    public static RegistryDiff of(Map<ClientKey, IntegrationRecord> current, List<IntegrationRecord> incoming) {
        List<IntegrationRecord> added = new ArrayList<>();
        List<IntegrationRecord> changed = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        int unchanged = 0;
        for (IntegrationRecord record : incoming) {
            IntegrationRecord before = current.get(new ClientKey(record.getOrgId(), record.getClientId()));
            String who = record.getOrgId() + "/" + record.getClientId();
            if (before == null) {
                added.add(record);
                lines.add("+ " + who + " owner=" + record.getOwner() + " system=" + record.getSystem()
                        + (record.getProtected$() ? " PROTECTED" : ""));
            } else if (!sameContent(before, record)) {
                changed.add(record);
                String note = before.getProtected$() && !record.getProtected$() ? "  !! protection removed: the client becomes deletable"
                        : !before.getProtected$() && record.getProtected$() ? "  protection added" : "";
                lines.add("~ " + who + " owner " + before.getOwner() + "→" + record.getOwner() + ", system " + before.getSystem()
                        + "→" + record.getSystem() + ", criticality " + before.getCriticality() + "→" + record.getCriticality() + note);
            } else {
                unchanged++;
            }
        }
        return new RegistryDiff(added, changed, unchanged, lines);
    }

    private static boolean sameContent(IntegrationRecord a, IntegrationRecord b) {
        return a.getOwner().equals(b.getOwner()) && a.getSystem().equals(b.getSystem())
                && a.getCriticality() == b.getCriticality() && a.getProtected$() == b.getProtected$()
                && Objects.equals(a.getNotes(), b.getNotes()) && Objects.equals(a.getReviewBy(), b.getReviewBy());
    }
}
