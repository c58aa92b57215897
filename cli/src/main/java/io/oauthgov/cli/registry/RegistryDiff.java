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
public record RegistryDiff(List<IntegrationRecord> added, List<IntegrationRecord> changed, List<IntegrationRecord> missing,
                           int unchanged, List<String> lines) {

    /**
     * @param current the registry topic as it stands (markers and removals included: they are not entries)
     * @param incoming the file's records; an entry of one of its orgs that the file lacks is {@code missing}
     */
    public static RegistryDiff of(Map<ClientKey, IntegrationRecord> current, List<IntegrationRecord> incoming) {
        Map<ClientKey, IntegrationRecord> entries = new java.util.TreeMap<>(java.util.Comparator
                .comparing(ClientKey::getOrgId).thenComparing(ClientKey::getClientId));
        current.forEach((key, record) -> {
            if (record != null && record.getRecordType() == io.oauthgov.avro.IntegrationRecordType.ENTRY) {
                entries.put(key, record);
            }
        });
        current = entries;
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
        java.util.Set<String> orgs = new java.util.TreeSet<>();
        java.util.Set<ClientKey> inFile = new java.util.HashSet<>();
        incoming.forEach(r -> {
            orgs.add(r.getOrgId());
            inFile.add(new ClientKey(r.getOrgId(), r.getClientId()));
        });
        List<IntegrationRecord> missing = new ArrayList<>();
        current.forEach((key, record) -> {
            if (orgs.contains(key.getOrgId()) && !inFile.contains(key)) {
                missing.add(record);
                lines.add("- " + key.getOrgId() + "/" + key.getClientId() + " is in the registry but not in this file"
                        + (record.getProtected$() ? "  !! PROTECTED: removing it makes the client deletable" : ""));
            }
        });
        return new RegistryDiff(added, changed, missing, unchanged, lines);
    }

    private static boolean sameContent(IntegrationRecord a, IntegrationRecord b) {
        return a.getOwner().equals(b.getOwner()) && a.getSystem().equals(b.getSystem())
                && a.getCriticality() == b.getCriticality() && a.getProtected$() == b.getProtected$()
                && Objects.equals(a.getNotes(), b.getNotes()) && Objects.equals(a.getReviewBy(), b.getReviewBy())
                && Objects.equals(a.getContactEmail(), b.getContactEmail()) && Objects.equals(a.getChatWebhook(), b.getChatWebhook())
                && Objects.equals(a.getEscalationContact(), b.getEscalationContact());
    }
}
