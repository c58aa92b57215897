package io.oauthgov.cli;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.cli.registry.IntegrationRegistryCsv;
import io.oauthgov.cli.registry.RegistryDiff;
import io.oauthgov.cli.registry.RegistryPublisher;
import io.oauthgov.schemas.topics.TopicTableReader;
import io.oauthgov.schemas.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code oauthgov registry import}: the CMDB export into the integrations topic, with a diff first. */
@Command(name = "registry", mixinStandardHelpOptions = true, description = "Manage the integration registry (which integration owns which client).")
public final class RegistryCommand {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Validate a CSV export (orgId, clientId, owner, system[, criticality, protected, notes, contactEmail, chatWebhook,",
                    "escalationContact]), show what",
                    "changes against the current registry topic, and publish the new and changed records."})
    int importCsv(@Mixin DeploymentOptions kafka,
                  @Parameters(paramLabel = "FILE", description = "CSV file with a header line") Path file,
                  @Option(names = "--dry-run", description = "Show the diff, publish nothing.") boolean dryRun,
                  @Option(names = "--remove-missing", description = {"Publish an explicit REMOVAL for every entry of the",
                          "file's orgs that the file lacks (their protection ends). Without it they are kept and listed."})
                  boolean removeMissing) {
        String csv;
        try {
            csv = Files.readString(file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getClass().getSimpleName(), "check the path");
        }
        List<IntegrationRecord> records;
        try {
            records = IntegrationRegistryCsv.parse(csv, file.getFileName().toString(), Instant.now());
        } catch (IntegrationRegistryCsv.RegistryFormatException e) {
            throw new UserError(e.getMessage(), "nothing was imported; fix the lines above and run again");
        }
        Map<String, Object> configs = kafka.clientConfigs();
        Topics topics = kafka.topics();
        Map<ClientKey, IntegrationRecord> current = TopicTableReader.readAll(topics.integrations(), configs, Duration.ofMinutes(1));
        RegistryDiff diff = RegistryDiff.of(current, records);

        PrintWriter out = spec.commandLine().getOut();
        diff.lines().forEach(out::println);
        out.printf("%d new, %d changed, %d not in the file (%s), %d unchanged%s%n", diff.added().size(),
                diff.changed().size(), diff.missing().size(), removeMissing ? "removed" : "kept; --remove-missing removes them",
                diff.unchanged(), dryRun ? " (dry run: nothing published)" : "");
        if (!dryRun) {
            Instant now = Instant.now();
            String source = file.getFileName().toString();
            List<IntegrationRecord> toPublish = new java.util.ArrayList<>(diff.added());
            toPublish.addAll(diff.changed());
            if (removeMissing) {
                diff.missing().forEach(r -> toPublish.add(RegistryPublisher.removal(r, source, now)));
            }
            java.util.Set<String> orgs = new java.util.TreeSet<>();
            records.forEach(r -> orgs.add(r.getOrgId()));
            RegistryPublisher.publish(topics.integrations(), configs, toPublish, orgs, source, now);
            out.printf("registry of %s marked imported: the analyzer may now judge their clients%n", String.join(", ", orgs));
        }
        return Main.OK;
    }

    @Command(name = "declare-empty", mixinStandardHelpOptions = true,
            description = {"Declare that an organization's integration registry has no entries, so the analyzer may judge",
                    "its clients (none is protected); refused when the registry already holds entries for it."})
    int declareEmpty(@Mixin DeploymentOptions kafka,
                     @Option(names = "--org", required = true, paramLabel = "ORG", description = "The organization id.") String orgId) {
        if (orgId.isBlank() || orgId.equals(io.oauthgov.schemas.topics.OrgWide.CLIENT_ID)) {
            throw new UserError("--org must name one organization", "pass its id, e.g. --org 6f1c…");
        }
        Map<String, Object> configs = kafka.clientConfigs();
        Topics topics = kafka.topics();
        Map<ClientKey, IntegrationRecord> current = TopicTableReader.readAll(topics.integrations(), configs, Duration.ofMinutes(1));
        long entries = current.entrySet().stream().filter(e -> e.getKey().getOrgId().equals(orgId) && e.getValue() != null
                && e.getValue().getRecordType() == io.oauthgov.avro.IntegrationRecordType.ENTRY).count();
        if (entries > 0) {
            throw new UserError("org " + orgId + " has " + entries + " registry entries; it is not empty",
                    "import its CSV with `oauthgov registry import` (use --remove-missing to remove entries)");
        }
        RegistryPublisher.publish(topics.integrations(), configs, List.of(), List.of(orgId), "declare-empty", Instant.now());
        spec.commandLine().getOut().printf("registry of %s declared empty: the analyzer may now judge its clients%n", orgId);
        return Main.OK;
    }
}
