package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oauthgov.cli.dev.StackFiles;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.generator.Category;
import io.oauthgov.simulator.generator.ClientTruth;
import io.oauthgov.simulator.generator.RegistryEntry;
import io.oauthgov.simulator.model.IdentityRole;
import io.oauthgov.simulator.model.Permissions;
import io.oauthgov.simulator.model.SimulatedClient;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oauthgov audit} against the simulator's seeded organization with nothing else running: the oauthgov.yaml
 * {@code oauthgov dev} would write (its Kafka addresses point nowhere, the audit brings its own broker), the
 * simulator's CMDB export, and two runs with the org changing in between.
 */
class AuditCommandIT {
    /** The deployment file's Kafka section is not used by an audit: nothing listens here. */
    private static final String NO_KAFKA = "127.0.0.1:9";

    @Test
    void writesOneRowPerClientWhoseCandidatesAreTheGroundTruthsAndListsWhatChangedSinceTheLastAudit(@TempDir Path dir) throws Exception {
        try (GenesysSimulator simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(120).seed(42)
                .identityRateLimit(20_000).orgRateLimit(0).queryStageDuration(Duration.ofMillis(20)).start()) {
            String orgId = simulator.orgIds().get(0);
            Path config = StackFiles.write(simulator, dir.resolve("stack"), NO_KAFKA, "http://" + NO_KAFKA, simulator.baseUrl(),
                    "collector:\n  auditSettle: 0s\n");
            Path registry = cmdbExport(simulator, dir.resolve("cmdb.csv"));
            List<ClientTruth> truth = simulator.groundTruth().orgs().get(0).clients();
            ClientTruth formula = truth.stream().filter(c -> !c.expected().candidate()).findFirst().orElseThrow();
            rename(simulator, orgId, formula.id(), "=HYPERLINK(\"http://attacker.example\",\"x\")");

            CliRun first = CliRun.of("audit", "--config", config.toString(), "--report", dir.resolve("first").toString(),
                    "--registry", registry.toString());

            assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
            assertThat(first.out()).contains("org " + orgId).contains("snapshot verified").contains("analyzer caught up")
                    .contains("report.csv");
            simulator.allIdentities().forEach(identity -> assertThat(first.out() + first.err()).doesNotContain(identity.secret()));
            List<CSVRecord> rows = csv(dir.resolve("first/report.csv"));
            assertThat(rows.get(0).values()).containsExactly("org_id", "client_id", "client_name", "grant_type", "state", "owner",
                    "last_used_at", "severity", "findings", "candidate", "reason", "scopes");
            List<CSVRecord> clients = rows.subList(1, rows.size());
            Set<String> listed = clients.stream().map(r -> r.get("client_id")).collect(Collectors.toSet());
            assertThat(clients).as("one row per client").hasSize(listed.size());
            assertThat(listed).containsExactlyInAnyOrderElementsOf(simulator.organization(orgId).listClients(Instant.now())
                    .stream().map(SimulatedClient::id).toList());
            Set<String> candidates = clients.stream().filter(r -> r.get("candidate").equals("yes")).map(r -> r.get("client_id"))
                    .collect(Collectors.toSet());
            assertThat(candidates).as("candidates vs ground truth").containsExactlyInAnyOrderElementsOf(
                    truth.stream().filter(c -> c.expected().candidate()).map(ClientTruth::id).toList());
            Map<String, CSVRecord> byId = clients.stream().collect(Collectors.toMap(r -> r.get("client_id"), Function.identity()));
            assertThat(byId.get(formula.id()).get("client_name")).as("a formula is written as text")
                    .isEqualTo("'=HYPERLINK(\"http://attacker.example\",\"x\")");
            simulator.groundTruth().clientsIn(Category.PROTECTED).forEach(c -> assertThat(byId.get(c.id()).get("reason"))
                    .as("protected " + c.id()).contains("protected"));
            simulator.groundTruth().clientsIn(Category.ACTIVE_IN_USE).forEach(c -> {
                assertThat(byId.get(c.id()).get("reason")).as("in use " + c.id()).startsWith("in use");
                assertThat(byId.get(c.id()).get("last_used_at")).as("in use " + c.id()).isNotEmpty();
            });
            simulator.groundTruth().clientsIn(Category.HIGH_RISK_SCOPES).forEach(c -> assertThat(byId.get(c.id()).get("findings"))
                    .as("high-risk " + c.id()).contains("high-risk-scopes"));
            JsonNode report = new ObjectMapper().readTree(dir.resolve("first/report.json").toFile());
            assertThat(report.path("kind").asText()).isEqualTo("audit");
            assertThat(report.path("clients")).hasSize(clients.size());
            assertThat(Files.readString(dir.resolve("first/report.html"))).contains("OAuth client audit")
                    .contains("=HYPERLINK(&quot;http://attacker.example&quot;");

            // Between audits, someone uses a candidate again and renames another client.
            String usedAgain = candidates.iterator().next();
            simulator.recordUse(orgId, usedAgain, Instant.now().minus(Duration.ofHours(2)));
            String renamed = truth.stream().filter(c -> !c.id().equals(formula.id()) && !c.id().equals(usedAgain)).findFirst()
                    .orElseThrow().id();
            rename(simulator, orgId, renamed, "renamed-between-audits");

            CliRun second = CliRun.of("audit", "--config", config.toString(), "--report", dir.resolve("second").toString(),
                    "--registry", registry.toString(), "--since-report", dir.resolve("first").toString());

            assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
            List<CSVRecord> changes = csv(dir.resolve("second/changes.csv"));
            assertThat(changes.get(0).values()).containsExactly("org_id", "client_id", "client_name", "change", "before", "after");
            assertThat(changes.subList(1, changes.size())).extracting(r -> r.get("change") + " " + r.get("client_id"))
                    .contains("NO_LONGER_CANDIDATE " + usedAgain, "RENAMED " + renamed);
            assertThat(second.out()).contains("since the audit of").contains("NO_LONGER_CANDIDATE").contains(usedAgain);
            assertThat(Files.readString(dir.resolve("second/report.html"))).contains("id=\"changes\"");
        }
    }

    @Test
    void withoutARegistryTheReportSaysNothingIsProtectedAndEveryClientIsStillJudged(@TempDir Path dir) throws Exception {
        try (GenesysSimulator simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(30).seed(7)
                .identityRateLimit(20_000).orgRateLimit(0).queryStageDuration(Duration.ofMillis(20)).start()) {
            Path config = StackFiles.write(simulator, dir.resolve("stack"), NO_KAFKA, "http://" + NO_KAFKA, simulator.baseUrl(),
                    "collector:\n  auditSettle: 0s\n");

            CliRun run = CliRun.of("audit", "--config", config.toString(), "--report", dir.resolve("report").toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("no --registry").doesNotContain("NOT JUDGED");
            List<CSVRecord> clients = csv(dir.resolve("report/report.csv"));
            int inOrg = simulator.organization(simulator.orgIds().get(0)).listClients(Instant.now()).size();
            assertThat(clients.subList(1, clients.size())).as("every client, the oauthgov identities included").hasSize(inOrg)
                    .allSatisfy(r -> assertThat(r.get("findings")).as(r.get("client_id")).contains("unowned"));
            assertThat(Files.readString(dir.resolve("report/report.html"))).contains("registry was declared empty, so no client is protected");
        }
    }

    @Test
    void anOrgWhoseUsageCannotBeReadExitsOneAndTheReportSaysItsClientsWereNotJudged(@TempDir Path dir) throws Exception {
        try (GenesysSimulator simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(20).seed(11)
                .identityRateLimit(20_000).orgRateLimit(0).queryStageDuration(Duration.ofMillis(20))
                .withoutPermission(IdentityRole.COLLECTOR, Permissions.USAGE_VIEW).start()) {
            String orgId = simulator.orgIds().get(0);
            Path config = StackFiles.write(simulator, dir.resolve("stack"), NO_KAFKA, "http://" + NO_KAFKA, simulator.baseUrl(),
                    "collector:\n  auditSettle: 0s\n");

            CliRun run = CliRun.of("audit", "--config", config.toString(), "--report", dir.resolve("report").toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(Main.FAILED);
            assertThat(run.out()).contains("org " + orgId + " NOT FULLY READ").contains("org " + orgId + " NOT JUDGED");
            List<CSVRecord> rows = csv(dir.resolve("report/report.csv"));
            assertThat(rows.subList(1, rows.size())).as("the report is written all the same").isNotEmpty().allSatisfy(r -> {
                assertThat(r.get("candidate")).isEqualTo("no");
                assertThat(r.get("reason")).startsWith("not judged");
            });
            JsonNode report = new ObjectMapper().readTree(dir.resolve("report/report.json").toFile());
            assertThat(report.path("audit").path("incompleteOrgs").has(orgId)).as(report.path("audit").toString()).isTrue();
        }
    }

    @Test
    void aSinceReportDirectoryWithoutAnAuditIsAUsageErrorBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        try (GenesysSimulator simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(5).seed(3).start()) {
            Path config = StackFiles.write(simulator, dir.resolve("stack"), NO_KAFKA, "http://" + NO_KAFKA, simulator.baseUrl(), "");

            CliRun run = CliRun.of("audit", "--config", config.toString(), "--report", dir.resolve("r").toString(),
                    "--since-report", dir.resolve("nothing-here").toString());

            assertThat(run.exitCode()).isEqualTo(Main.USAGE);
            assertThat(run.err()).contains("--since-report").contains("holds no report.json").contains("hint:");
            assertThat(dir.resolve("r")).doesNotExist();
        }
    }

    @Test
    void aMissingConfigIsAUsageError(@TempDir Path dir) {
        CliRun run = CliRun.of("audit", "--config", dir.resolve("absent.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("absent.yaml").contains("hint:");
    }

    private static void rename(GenesysSimulator simulator, String orgId, String clientId, String name) {
        simulator.updateClient(orgId, clientId, c -> new SimulatedClient(c.id(), name, c.description(), c.accessTokenValiditySeconds(),
                c.registeredRedirectUri(), c.secret(), c.roleIds(), c.roleDivisions(), c.dateCreated(), Instant.now(), c.createdBy(),
                c.modifiedBy(), c.authorizedGrantType(), c.scope(), c.state(), c.dateToDelete()));
    }

    /** The simulator's integration registry as the CMDB export a user would pass with --registry. */
    private static Path cmdbExport(GenesysSimulator simulator, Path file) throws Exception {
        try (var printer = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
            printer.printRecord("orgId", "clientId", "owner", "system", "criticality", "protected");
            for (RegistryEntry e : simulator.integrationRegistry().entries()) {
                printer.printRecord(e.orgId(), e.clientId(), e.owner(), e.system(), e.criticality(), e.protectedClient());
            }
        }
        return file;
    }

    private static List<CSVRecord> csv(Path file) throws Exception {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            // header as a record too, so the test sees exactly what pandas would take as column names
            List<CSVRecord> all = CSVFormat.RFC4180.parse(reader).getRecords();
            List<String> header = all.get(0).toList();
            try (Reader again = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                List<CSVRecord> named = CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get().parse(again).getRecords();
                return named;
            }
        }
    }
}
