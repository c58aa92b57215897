package io.oauthgov.cli;

import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.cli.config.Deployment;
import io.oauthgov.cli.notify.Secret;
import io.oauthgov.notifier.NotifierApp;
import io.oauthgov.notifier.NotifierSettings;
import io.oauthgov.notifier.NotifierStats;
import io.oauthgov.notifier.WebhookPayload;
import io.oauthgov.notifier.channel.MailChannel;
import io.oauthgov.notifier.channel.WebhookChannel;
import io.oauthgov.schemas.contact.Contact;
import io.oauthgov.schemas.topics.Topics;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oauthgov notify}: the notifier, telling owners before anything happens. */
@Command(name = "notify", mixinStandardHelpOptions = true,
        header = "Tell each owner which of their OAuth clients are proposed for deletion, before anything happens.",
        description = {"Reads the candidates, the integration registry (contactEmail, chatWebhook, escalationContact) and the",
                "notices sent so far; sends each owner one digest per run of changes (what happens when, why, how to object) by",
                "e-mail and/or webhook, and publishes governance.notices: the gate refuses approvals (NOTICE_PENDING) until the",
                "policy's noticeDays have passed since. Unowned clients go to the policy's ownerAbsentContact. Secrets come",
                "from owner-only files or the environment: " + NotifyCommand.SMTP_PASSWORD_ENV + ", " + NotifyCommand.WEBHOOK_KEY_ENV + "."})
public final class NotifyCommand implements Callable<Integer> {
    static final String SMTP_PASSWORD_ENV = "OAUTHGOV_SMTP_PASSWORD";
    static final String WEBHOOK_KEY_ENV = "OAUTHGOV_WEBHOOK_KEY";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DeploymentOptions kafka;

    @Option(names = "--policy", paramLabel = "FILE", description = "Policy YAML whose noticeDays, ownerAbsentContact, quarantineDays and snoozeDays apply (overrides policyFile).")
    Path policyFile;

    @Option(names = "--smtp-host", paramLabel = "HOST", description = "SMTP server for e-mail notices (none: webhooks only).")
    String smtpHost;

    @Option(names = "--smtp-port", paramLabel = "PORT", defaultValue = "587", description = "SMTP port (default: ${DEFAULT-VALUE}).")
    int smtpPort;

    @Option(names = "--smtp-security", paramLabel = "MODE", defaultValue = "starttls",
            description = "starttls (default), smtps or none (only for a relay on the same host or a test server).")
    String smtpSecurity;

    @Option(names = "--smtp-from", paramLabel = "EMAIL", defaultValue = "oauthgov@localhost.localdomain",
            description = "Sender address of the notices (default: ${DEFAULT-VALUE}).")
    String smtpFrom;

    @Option(names = "--smtp-user", paramLabel = "USER", description = "SMTP login; its password from --smtp-password-file or " + SMTP_PASSWORD_ENV + ".")
    String smtpUser;

    @Option(names = "--smtp-password-file", paramLabel = "FILE", description = "Owner-only file holding the SMTP password.")
    Path smtpPasswordFile;

    @Option(names = "--webhook-key-file", paramLabel = "FILE",
            description = "Owner-only file with the HMAC key webhook calls are signed with (or " + WEBHOOK_KEY_ENV + "; none: unsigned).")
    Path webhookKeyFile;

    @Option(names = "--webhook-format", paramLabel = "FORMAT", defaultValue = "json",
            description = "json (the digest as data plus text) or slack ({\"text\": ...} for Slack-compatible incoming webhooks).")
    String webhookFormat;

    @Option(names = "--no-webhooks", description = "Never call webhooks (owners with only a chatWebhook go to the fallback).")
    boolean noWebhooks;

    @Option(names = "--approvals-url", paramLabel = "URL",
            description = "Where `oauthgov approvals serve` listens: the messages say how to object there as well as with the CLI.")
    URI approvalsUrl;

    @Option(names = "--debounce", paramLabel = "DURATION", defaultValue = "5m",
            description = "An owner's digest waits until their candidates were quiet this long (default: ${DEFAULT-VALUE}).")
    String debounce;

    @Option(names = "--max-wait", paramLabel = "DURATION", defaultValue = "1h",
            description = "... but no longer than this after the first (default: ${DEFAULT-VALUE}).")
    String maxWait;

    @Option(names = "--per-minute", paramLabel = "N", defaultValue = "60", description = "At most N deliveries a minute (default: ${DEFAULT-VALUE}).")
    int perMinute;

    @Option(names = "--once", description = "Send what is due now (without waiting for the debounce) and exit: for a scheduled job.")
    boolean once;

    @Option(names = "--transactional-id", defaultValue = NotifierApp.Config.DEFAULT_TRANSACTIONAL_ID,
            description = "Transactional id of the notices; one notifier per cluster (default: ${DEFAULT-VALUE}).")
    String transactionalId;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", description = "With --once: give up after this long (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() throws Exception {
        Deployment deployment = kafka.deployment();
        Policy policy = policyFile != null ? Policies.load(policyFile, "--policy") : deployment.policy();
        Map<String, String> env = System.getenv();
        Optional<MailChannel.Config> mail = mail(env);
        Optional<WebhookChannel.Config> webhook = noWebhooks ? Optional.empty() : Optional.of(new WebhookChannel.Config(format(),
                Secret.key(webhookKeyFile, WEBHOOK_KEY_ENV, env, "webhook key file"), Duration.ofSeconds(10)));
        NotifierSettings settings = settings(policy);
        Topics topics = kafka.topics();
        StagePreflight.check(kafka.clientConfigs(), deployment.serdeConfigs(), 0, topics.candidates(),
                topics.integrations(), topics.notices(), topics.rejected());
        NotifierApp.Config config;
        try {
            config = new NotifierApp.Config(topics, kafka.clientConfigs(), transactionalId, settings, mail, webhook, once, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), "give --smtp-host, or leave webhooks on (drop --no-webhooks)");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("notifier: %s, %s; notice period %d days%s%n", mail.map(Object::toString).orElse("no e-mail"),
                webhook.map(Object::toString).orElse("no webhooks"), policy.notice().period().toDays(),
                policy.notice().required() ? "" : " (approvals do not wait for notices)");
        out.flush();
        try (NotifierApp app = NotifierApp.start(config)) {
            if (once) {
                if (!app.awaitStopped(TimeArguments.duration(timeout, "--timeout", false))) {
                    throw new UserError("the notifier did not finish within " + timeout, "raise --timeout, or check the SMTP server and webhooks");
                }
            } else {
                Runtime.getRuntime().addShutdownHook(new Thread(app::close, "oauthgov-notify-shutdown"));
                while (app.alive()) {
                    app.awaitStopped(Duration.ofMinutes(1));
                }
            }
            print(out, app.stats());
        }
        return 0;
    }

    static void print(PrintWriter out, NotifierStats stats) {
        for (NotifierStats.Sent sent : stats.sent()) {
            out.printf("  told %-32s %s about %d client(s)%s: %s%n", sent.recipient(), String.join("+", sent.channels()),
                    sent.candidateIds().size(), sent.viaFallback() ? " (fallback)" : "", String.join(", ", sent.clients()));
        }
        out.printf("notices: %d digest(s) sent, %d candidate(s) noticed, %d via fallback, %d delivery failure(s), %d with nobody to tell, %d still pending%n",
                stats.digestsSent(), stats.noticesPublished(), stats.viaFallback(), stats.failures(), stats.undeliverable(), stats.pending());
        out.flush();
    }

    private Optional<MailChannel.Config> mail(Map<String, String> env) {
        if (smtpHost == null) {
            return Optional.empty();
        }
        MailChannel.Security security;
        try {
            security = MailChannel.Security.valueOf(smtpSecurity.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("--smtp-security " + smtpSecurity + " is not starttls, smtps or none", "e.g. --smtp-security starttls");
        }
        Optional<String> password = Secret.read(smtpPasswordFile, SMTP_PASSWORD_ENV, env, "SMTP password file");
        if (password.isPresent() && smtpUser == null) {
            throw new UserError("an SMTP password is given but no --smtp-user", "add --smtp-user, or drop the password");
        }
        try {
            return Optional.of(new MailChannel.Config(smtpHost, smtpPort, smtpFrom, security, Optional.ofNullable(smtpUser), password));
        } catch (IllegalArgumentException e) {
            throw new UserError("SMTP settings: " + e.getMessage(), "--smtp-from must be an e-mail address, --smtp-port 1-65535");
        }
    }

    private WebhookPayload.Format format() {
        try {
            return WebhookPayload.Format.valueOf(webhookFormat.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("--webhook-format " + webhookFormat + " is not json or slack", "e.g. --webhook-format slack");
        }
    }

    private NotifierSettings settings(Policy policy) {
        if (perMinute < 1) {
            throw new UserError("--per-minute must be at least 1", "e.g. --per-minute 60");
        }
        Map<String, Contact> fallback = policy.notice().ownerAbsentContact();
        NotifierSettings settings = NotifierSettings.defaults(fallback, policy.notice().period(), policy.quarantine(), policy.snooze())
                .withDebounce(TimeArguments.duration(debounce, "--debounce", true), TimeArguments.duration(maxWait, "--max-wait", false))
                .withRateLimit(perMinute);
        return approvalsUrl == null ? settings : settings.withApprovalsUrl(approvalsUrl);
    }
}
