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
            description = {"Validate a CSV export (orgId, clientId, owner, system[, criticality, protected, notes]), show what",
                    "changes against the current registry topic, and publish the new and changed records."})
    int importCsv(@Mixin KafkaOptions kafka,
                  @Parameters(paramLabel = "FILE", description = "CSV file with a header line") Path file,
                  @Option(names = "--dry-run", description = "Show the diff, publish nothing.") boolean dryRun) {
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
        out.printf("%d new, %d changed, %d unchanged%s%n", diff.added().size(), diff.changed().size(), diff.unchanged(),
                dryRun ? " (dry run: nothing published)" : "");
        if (!dryRun) {
            List<IntegrationRecord> toPublish = new java.util.ArrayList<>(diff.added());
            toPublish.addAll(diff.changed());
            RegistryPublisher.publish(topics.integrations(), configs, toPublish);
        }
        return Main.OK;
    }
}
