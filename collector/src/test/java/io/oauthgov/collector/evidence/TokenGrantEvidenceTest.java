package io.oauthgov.collector.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.EvidenceRelation;
import io.oauthgov.genesys.ClientCredentials;
import io.oauthgov.genesys.Endpoints;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.genesys.model.AuditEntry;
import io.oauthgov.genesys.model.AuditPage;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.generator.Category;
import io.oauthgov.simulator.generator.ClientTruth;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.IdentityRole;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Token grants read the way the collector reads them: the project's own Genesys client against the simulator on
 * loopback, so the test covers the wire shape (which JSON field names the client) as well as the mapping.
 */
class TokenGrantEvidenceTest {
    private GenesysSimulator simulator;
    private String orgId;
    private GenesysClient genesys;

    @BeforeEach
    void start() {
        simulator = GenesysSimulator.builder().clientsPerOrg(80).seed(31).queryStageDuration(Duration.ofMillis(20))
                .start();
        orgId = simulator.orgIds().get(0);
        ApiIdentity collector = simulator.identity(orgId, IdentityRole.COLLECTOR);
        genesys = GenesysClient.connect(orgId, Endpoints.local(simulator.baseUrl()),
                new ClientCredentials(collector.clientId(), collector.secret()),
                GovernanceConfig.defaults().withRequestsPerWindow(6000));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void everyTokenOnlyClientIsShownInUseByItsTokenGrantsAndNoneIsShownChanged() {
        Instant now = Instant.now();
        List<ActivityEvidence> evidence = new ArrayList<>();
        List<AuditEntry> tokenEntries = new ArrayList<>();
        for (AuditEntry entry : peoplePermissions(now.minus(Duration.ofDays(7)), now)) {
            if ("AccessToken".equals(entry.entityType())) {
                tokenEntries.add(entry);
                evidence.addAll(EvidenceMapper.fromAudit(orgId, entry, now));
            }
        }
        Set<String> tokenOnly = simulator.groundTruth().clientsIn(Category.TOKEN_ONLY_USE).stream()
                .map(ClientTruth::id).collect(Collectors.toSet());

        assertThat(tokenOnly).isNotEmpty();
        assertThat(evidence).extracting(ActivityEvidence::getRelation).containsOnly(EvidenceRelation.USED_BY_CLIENT);
        assertThat(evidence).extracting(ActivityEvidence::getClientId).containsAll(tokenOnly);
        assertThat(evidence).hasSameSizeAs(tokenEntries)
                .allSatisfy(e -> assertThat(e.getEventAt()).isAfter(now.minus(Duration.ofDays(7))));
    }

    private List<AuditEntry> peoplePermissions(Instant from, Instant to) {
        String transaction = genesys.audits().query("PeoplePermissions", from, to);
        List<AuditEntry> entries = new ArrayList<>();
        String cursor = null;
        do {
            AuditPage page = genesys.audits().page(transaction, cursor, 100);
            entries.addAll(page.entities());
            cursor = page.cursor();
        } while (cursor != null);
        return entries;
    }
}
