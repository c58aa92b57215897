package io.oauthgov.cli.dev;

import io.oauthgov.cli.notify.LocalMailServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The dev stack's mail server: an in-process SMTP server (GreenMail) that {@code oauthgov notify} sends the owners'
 * digests to, and a thread that saves each message it accepts as {@code mail/NNNN-recipient.eml} at once, so what
 * owners would have read can be opened with any mail client. Nothing leaves the machine.
 */
final class DevMailbox implements AutoCloseable {
    static final String DIR = "mail";
    private static final long WAIT_MILLIS = 1_000;

    private final LocalMailServer smtp;
    private final Path dir;
    /** Messages saved by earlier runs of the stack: numbers continue after them instead of overwriting them. */
    private final int earlier;
    private final Thread saver;
    private volatile boolean open = true;

    private DevMailbox(LocalMailServer smtp, Path dir) throws IOException {
        this.smtp = smtp;
        this.dir = dir;
        try (var files = Files.list(dir)) {
            this.earlier = (int) files.filter(f -> f.toString().endsWith(".eml")).count();
        }
        this.saver = new Thread(this::saveAsTheyArrive, "oauthgov-dev-mail");
        saver.setDaemon(true);
        saver.start();
    }

    /** On {@code previousPort} when it is free (the deployment file keeps naming the same server), else any port. */
    static DevMailbox start(Path stackDir, int previousPort) throws IOException {
        Path dir = Files.createDirectories(stackDir.resolve(DIR));
        if (previousPort > 0) {
            try {
                return new DevMailbox(LocalMailServer.start(previousPort), dir);
            } catch (RuntimeException e) {
                // taken meanwhile: any free port; oauthgov.yaml is rewritten anyway
            }
        }
        return new DevMailbox(LocalMailServer.start(0), dir);
    }

    int port() {
        return smtp.port();
    }

    /** The deployment file's {@code notifier:} section that sends to this server. */
    String notifierYaml() {
        return "notifier:\n"
                + "  smtp: {host: " + LocalMailServer.HOST + ", port: " + port() + ", security: none, from: oauthgov@example.test}   # the stack's mail server: "
                + "messages land in " + DIR + "/\n"
                + "  perMinute: 6000         # a local server: no need to pace\n";
    }

    private void saveAsTheyArrive() {
        int saved = 0;
        while (open) {
            if (!smtp.awaitReceived(WAIT_MILLIS, saved + 1)) {
                continue;
            }
            MimeMessage[] received = smtp.received();
            for (; saved < received.length; saved++) {
                save(received[saved], earlier + saved + 1);
            }
        }
    }

    private void save(MimeMessage mail, int number) {
        try {
            LocalMailServer.save(mail, dir, String.format("%04d", number));
        } catch (IOException | MessagingException | RuntimeException e) {
            System.err.println("oauthgov dev: could not save a received e-mail in " + dir + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            saver.join(2 * WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        smtp.close();
    }
}
