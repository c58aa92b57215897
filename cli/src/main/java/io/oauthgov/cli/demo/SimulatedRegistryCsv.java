package io.oauthgov.cli.demo;

import io.oauthgov.cli.csv.SafeCsv;
import io.oauthgov.simulator.generator.IntegrationRegistry;
import io.oauthgov.simulator.generator.RegistryEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The simulated organization's integration registry as the CMDB export {@code oauthgov registry import} reads:
 * {@value #FILE}, written by the demo and {@code oauthgov simulator}, and read back by the demo's import. Written
 * through {@link SafeCsv}, like every CSV oauthgov produces.
 */
public final class SimulatedRegistryCsv {
    public static final String FILE = "registry.csv";
    static final List<String> HEADER = List.of("orgId", "clientId", "clientName", "owner", "system", "criticality", "protected",
            "contactEmail", "chatWebhook");
    /** The simulated owners' mail domain (reserved for tests by RFC 2606: nothing is ever delivered there). */
    static final String MAIL_DOMAIN = "example.test";

    private SimulatedRegistryCsv() {}

    public static String render(IntegrationRegistry registry) {
        return render(registry, Optional.empty());
    }

    /**
     * @param chatWebhooks when given, owners whose name starts with a..m also have a chat webhook under this URL (the
     *                     demo's in-process receiver), so the notifier's webhook channel shows alongside e-mail
     */
    public static String render(IntegrationRegistry registry, Optional<URI> chatWebhooks) {
        List<List<String>> rows = registry.entries().stream().map(e -> row(e, chatWebhooks)).toList();
        return SafeCsv.write(HEADER, rows);
    }

    /** Writes {@value #FILE} into {@code dir} and returns its path. */
    public static Path write(IntegrationRegistry registry, Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(FILE), render(registry), StandardCharsets.UTF_8);
    }

    private static List<String> row(RegistryEntry e, Optional<URI> chatWebhooks) {
        String slug = slug(e.owner());
        String webhook = chatWebhooks.filter(u -> !slug.isEmpty() && slug.charAt(0) <= 'm')
                .map(u -> u.toString().replaceAll("/$", "") + "/" + slug).orElse("");
        return List.of(e.orgId(), e.clientId(), e.clientName(), e.owner(), e.system(), e.criticality(),
                Boolean.toString(e.protectedClient()), slug.isEmpty() ? "" : slug + "@" + MAIL_DOMAIN, webhook);
    }

    /** "Payments Platform" becomes payments-platform: the owner's simulated mailbox and webhook path. */
    static String slug(String owner) {
        return owner.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }
}
