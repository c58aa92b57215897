package io.oauthgov.cli;

import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.cli.config.Deployment;
import io.oauthgov.cli.config.DeploymentConfig;
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
    public static final String SMTP_PASSWORD_ENV = "OAUTHGOV_SMTP_PASSWORD";
    public static final String WEBHOOK_KEY_ENV = "OAUTHGOV_WEBHOOK_KEY";
    private static final int LISTED_CLIENTS = 5;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DeploymentOptions kafka;

    @Option(names = "--policy", paramLabel = "FILE", description = "Policy YAML whose noticeDays, ownerAbsentContact, quarantineDays and snoozeDays apply (overrides policyFile).")
    Path policyFile;

    @Option(names = "--smtp-host", paramLabel = "HOST", description = "SMTP server for e-mail notices (notifier.smtp.host; none: webhooks only).")
    String smtpHost;

    @Option(names = "--smtp-port", paramLabel = "PORT", description = "SMTP port (notifier.smtp.port; default 587).")
    Integer smtpPort;

    @Option(names = "--smtp-security", paramLabel = "MODE",
            description = "starttls (default), smtps or none (only for a relay on the same host or a test server; notifier.smtp.security).")
    String smtpSecurity;

    @Option(names = "--smtp-from", paramLabel = "EMAIL",
            description = "Sender address of the notices (notifier.smtp.from; default " + DeploymentConfig.Smtp.DEFAULT_FROM + ").")
    String smtpFrom;

    @Option(names = "--smtp-user", paramLabel = "USER", description = "SMTP login (notifier.smtp.user); its password from --smtp-password-file or " + SMTP_PASSWORD_ENV + ".")
    String smtpUser;

    @Option(names = "--smtp-password-file", paramLabel = "FILE", description = "Owner-only file holding the SMTP password (notifier.smtp.passwordFile).")
    Path smtpPasswordFile;

    @Option(names = "--webhook-key-file", paramLabel = "FILE",
            description = "Owner-only file with the HMAC key webhook calls are signed with (notifier.webhookKeyFile, or " + WEBHOOK_KEY_ENV + "; none: unsigned).")
    Path webhookKeyFile;

    @Option(names = "--webhook-format", paramLabel = "FORMAT",
            description = "json (the default: the digest as data plus text) or slack ({\"text\": ...} for Slack-compatible incoming webhooks; notifier.webhookFormat).")
    String webhookFormat;

    @Option(names = "--no-webhooks", description = "Never call webhooks (owners with only a chatWebhook go to the fallback; notifier.webhooks: false).")
    boolean noWebhooks;

    @Option(names = "--approvals-url", paramLabel = "URL",
            description = "Where `oauthgov approvals serve` listens: the messages say how to object there as well as with the CLI (notifier.approvalsUrl).")
    URI approvalsUrl;

    @Option(names = "--debounce", paramLabel = "DURATION",
            description = "An owner's digest waits until their candidates were quiet this long (notifier.debounce; default 5m).")
    String debounce;

    @Option(names = "--max-wait", paramLabel = "DURATION",
            description = "... but no longer than this after the first (notifier.maxWait; default 1h).")
    String maxWait;

    @Option(names = "--per-minute", paramLabel = "N", description = "At most N deliveries a minute (notifier.perMinute; default 60).")
    Integer perMinute;

    @Option(names = "--once", description = "Send what is due now (without waiting for the debounce) and exit: for a scheduled job.")
    boolean once;

    @Option(names = "--transactional-id",
            description = "Transactional id of the notices; one notifier per cluster (notifier.transactionalId; default " + NotifierApp.Config.DEFAULT_TRANSACTIONAL_ID + ").")
    String transactionalId;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", description = "With --once: give up after this long (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() throws Exception {
        Deployment deployment = kafka.deployment();
        DeploymentConfig.NotifierStage stage = deployment.config().notifier();
        Policy policy = policyFile != null ? Policies.load(policyFile, "--policy") : deployment.policy();
        Map<String, String> env = System.getenv();
        Optional<MailChannel.Config> mail = mail(stage, env);
        boolean webhooks = !noWebhooks && stage.webhooks();
        Path keyFile = webhookKeyFile != null ? webhookKeyFile : stage.webhookKeyFile().orElse(null);
        Optional<WebhookChannel.Config> webhook = webhooks ? Optional.of(new WebhookChannel.Config(format(stage),
                Secret.key(keyFile, WEBHOOK_KEY_ENV, env, "webhook key file"), Duration.ofSeconds(10))) : Optional.empty();
        NotifierSettings settings = settings(stage, policy);
        Topics topics = kafka.topics();
        StagePreflight.check(kafka.clientConfigs(), deployment.serdeConfigs(), 0, topics.candidates(),
                topics.integrations(), topics.notices(), topics.rejected());
        NotifierApp.Config config;
        try {
            config = new NotifierApp.Config(topics, kafka.clientConfigs(), transactionalId != null ? transactionalId : stage.transactionalId(),
                    settings, mail, webhook, once, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), "give --smtp-host (or notifier.smtp in " + deployment.config().source()
                    + "), or leave webhooks on (drop --no-webhooks)");
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
                    sent.candidateIds().size(), sent.viaFallback() ? " (fallback)" : "", firstFew(sent.clients()));
        }
        out.printf("notices: %d digest(s) sent, %d candidate(s) noticed, %d via fallback, %d delivery failure(s), %d with nobody to tell, %d still pending%n",
                stats.digestsSent(), stats.noticesPublished(), stats.viaFallback(), stats.failures(), stats.undeliverable(), stats.pending());
        out.flush();
    }

    /** The flags win over {@code notifier.smtp}; a flag alone (e.g. {@code --smtp-port}) changes only its own part. */
    /** A fallback digest can name hundreds of clients: the line names a few, the message and governance.notices all. */
    private static String firstFew(java.util.List<String> clients) {
        int shown = Math.min(clients.size(), LISTED_CLIENTS);
        String listed = String.join(", ", clients.subList(0, shown));
        return clients.size() > shown ? listed + " and " + (clients.size() - shown) + " more" : listed;
    }

    private Optional<MailChannel.Config> mail(DeploymentConfig.NotifierStage stage, Map<String, String> env) {
        Optional<DeploymentConfig.Smtp> file = stage.smtp();
        String host = smtpHost != null ? smtpHost : file.map(DeploymentConfig.Smtp::host).orElse(null);
        if (host == null) {
            return Optional.empty();
        }
        MailChannel.Security security = file.map(DeploymentConfig.Smtp::security).orElse(DeploymentConfig.Smtp.DEFAULT_SECURITY);
        if (smtpSecurity != null) {
            try {
                security = MailChannel.Security.valueOf(smtpSecurity.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserError("--smtp-security " + smtpSecurity + " is not starttls, smtps or none", "e.g. --smtp-security starttls");
            }
        }
        int port = smtpPort != null ? smtpPort : file.map(DeploymentConfig.Smtp::port).orElse(DeploymentConfig.Smtp.DEFAULT_PORT);
        String from = smtpFrom != null ? smtpFrom : file.map(DeploymentConfig.Smtp::from).orElse(DeploymentConfig.Smtp.DEFAULT_FROM);
        Optional<String> user = smtpUser != null ? Optional.of(smtpUser) : file.flatMap(DeploymentConfig.Smtp::user);
        Path passwordFile = smtpPasswordFile != null ? smtpPasswordFile : file.flatMap(DeploymentConfig.Smtp::passwordFile).orElse(null);
        Optional<String> password = Secret.read(passwordFile, SMTP_PASSWORD_ENV, env, "SMTP password file");
        if (password.isPresent() && user.isEmpty()) {
            throw new UserError("an SMTP password is given but no --smtp-user", "add --smtp-user (or notifier.smtp.user), or drop the password");
        }
        try {
            return Optional.of(new MailChannel.Config(host, port, from, security, user, password));
        } catch (IllegalArgumentException e) {
            throw new UserError("SMTP settings: " + e.getMessage(), "--smtp-from must be an e-mail address, --smtp-port 1-65535");
        }
    }

    private WebhookPayload.Format format(DeploymentConfig.NotifierStage stage) {
        if (webhookFormat == null) {
            return stage.webhookFormat();
        }
        try {
            return WebhookPayload.Format.valueOf(webhookFormat.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("--webhook-format " + webhookFormat + " is not json or slack", "e.g. --webhook-format slack");
        }
    }

    private NotifierSettings settings(DeploymentConfig.NotifierStage stage, Policy policy) {
        int rate = perMinute != null ? perMinute : stage.perMinute();
        if (rate < 1) {
            throw new UserError("--per-minute must be at least 1", "e.g. --per-minute 60");
        }
        Duration quiet = debounce != null ? TimeArguments.duration(debounce, "--debounce", true) : stage.debounce();
        Duration longest = maxWait != null ? TimeArguments.duration(maxWait, "--max-wait", false) : stage.maxWait();
        Map<String, Contact> fallback = policy.notice().ownerAbsentContact();
        NotifierSettings settings = NotifierSettings.defaults(fallback, policy.notice().period(), policy.quarantine(), policy.snooze())
                .withDebounce(quiet, longest).withRateLimit(rate);
        Optional<URI> url = approvalsUrl != null ? Optional.of(approvalsUrl) : stage.approvalsUrl();
        return url.map(settings::withApprovalsUrl).orElse(settings);
    }
}
