package io.oauthgov.notifier.channel;

import io.oauthgov.notifier.Digest;
import io.oauthgov.notifier.DigestText;
import io.oauthgov.schemas.contact.Contact;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * E-mail over SMTP (Jakarta Mail). Each digest is one plain-text message whose Message-ID is derived from the digest
 * id, so a mail system sees a re-sent digest as the same message.
 */
public final class MailChannel {
    public enum Security { NONE, STARTTLS, SMTPS }

    /** @param password from a file or the environment only; never logged (see {@link #toString()}) */
    public record Config(String host, int port, String from, Security security, Optional<String> username, Optional<String> password) {
        public Config {
            Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("SMTP port must be 1-65535, was " + port);
            }
            Contact.email(from);
            Objects.requireNonNull(security, "security");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "smtp " + host + ":" + port + " from " + from + " (" + security + (username.isPresent() ? ", user " + username.get() : "")
                    + (password.isPresent() ? ", password ****" : "") + ")";
        }
    }

    private final Config config;
    private final Session session;
    private final DigestText text;

    public MailChannel(Config config, DigestText text) {
        this.config = config;
        this.text = text;
        Properties props = new Properties();
        String protocol = config.security() == Security.SMTPS ? "smtps" : "smtp";
        props.put("mail.transport.protocol", protocol);
        props.put("mail." + protocol + ".host", config.host());
        props.put("mail." + protocol + ".port", Integer.toString(config.port()));
        props.put("mail." + protocol + ".connectiontimeout", "10000");
        props.put("mail." + protocol + ".timeout", "20000");
        props.put("mail." + protocol + ".writetimeout", "20000");
        props.put("mail." + protocol + ".auth", Boolean.toString(config.username().isPresent()));
        if (config.security() == Security.STARTTLS) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        this.session = Session.getInstance(props);
    }

    public void send(Digest digest, Contact.Email to) throws DeliveryException {
        try {
            MimeMessage message = new DigestMessage(session, digest.digestId());
            message.setFrom(new InternetAddress(config.from()));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to.address()));
            message.setSubject(text.subject(digest), StandardCharsets.UTF_8.name());
            message.setText(text.body(digest), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(digest.createdAt()));
            message.setHeader("X-Oauthgov-Digest-Id", digest.digestId());
            message.saveChanges();
            if (config.username().isPresent()) {
                Transport.send(message, config.username().get(), config.password().orElse(""));
            } else {
                Transport.send(message);
            }
        } catch (AuthenticationFailedException e) {
            throw new DeliveryException("SMTP server " + config.host() + " refused the credentials of " + config.username().orElse("?"), true);
        } catch (SendFailedException e) {
            // The server refused the recipient (5xx on RCPT TO): the same address will be refused again.
            throw new DeliveryException("SMTP server " + config.host() + " refused " + to.shown() + ": " + firstLine(e), true);
        } catch (MessagingException e) {
            throw new DeliveryException("cannot send e-mail through " + config.host() + ":" + config.port() + ": " + firstLine(e), false);
        }
    }

    private static String firstLine(Exception e) {
        Throwable cause = e.getCause() instanceof IOException io ? io : e;
        String message = Objects.toString(cause.getMessage(), cause.getClass().getSimpleName());
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }

    /** Keeps the digest's Message-ID: Jakarta Mail would otherwise give every send a fresh one. */
    private static final class DigestMessage extends MimeMessage {
        private final String digestId;

        DigestMessage(Session session, String digestId) {
            super(session);
            this.digestId = digestId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + digestId + "@oauthgov>");
        }
    }
}
