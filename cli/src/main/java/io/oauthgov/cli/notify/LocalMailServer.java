package io.oauthgov.cli.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An in-process SMTP server (GreenMail) on 127.0.0.1 that the notifier can send owners' digests to, and the one way
 * its messages are saved: as {@code PREFIX-recipient.eml}, which any mail client opens. The demo and the dev stack
 * use it so that what owners would have read can be looked at, and nothing leaves the machine.
 */
public final class LocalMailServer implements AutoCloseable {
    public static final String HOST = "127.0.0.1";

    private final GreenMail smtp;

    private LocalMailServer(GreenMail smtp) {
        this.smtp = smtp;
    }

    /** Listens on {@code port} (0: any free port); throws when the port is taken. */
    public static LocalMailServer start(int port) {
        GreenMail smtp = new GreenMail(new ServerSetup(port, HOST, ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return new LocalMailServer(smtp);
    }

    public int port() {
        return smtp.getSmtp().getPort();
    }

    /** Every message received so far, in the order they arrived. */
    public MimeMessage[] received() {
        return smtp.getReceivedMessages();
    }

    /** Waits up to {@code millis} until {@code count} messages in all have arrived; false when they have not. */
    public boolean awaitReceived(long millis, int count) {
        return smtp.waitForIncomingEmail(millis, count);
    }

    /** The message's first recipient, as its header names it. */
    public static String recipient(MimeMessage mail) throws MessagingException {
        return mail.getAllRecipients()[0].toString();
    }

    /**
     * Writes the message to {@code dir/PREFIX-recipient.eml}, the recipient reduced to characters any file system
     * takes, and returns the file's name.
     */
    public static String save(MimeMessage mail, Path dir, String prefix) throws IOException, MessagingException {
        String file = prefix + "-" + recipient(mail).replaceAll("[^A-Za-z0-9.@-]", "_") + ".eml";
        try (OutputStream out = Files.newOutputStream(dir.resolve(file))) {
            mail.writeTo(out);
        }
        return file;
    }

    @Override
    public void close() {
        smtp.stop();
    }
}
