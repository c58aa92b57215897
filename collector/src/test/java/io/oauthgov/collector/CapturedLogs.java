package io.oauthgov.collector;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Every log line oauthgov writes at any level (and any WARN+ line of a library) while open, for secret scans. */
final class CapturedLogs extends AbstractAppender implements AutoCloseable {
    private final List<String> lines = new ArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final LoggerConfig ours;

    CapturedLogs() {
        super("captured", null, null, true, Property.EMPTY_ARRAY);
        start();
        Configuration configuration = context.getConfiguration();
        ours = new LoggerConfig("io.oauthgov", Level.ALL, true);
        ours.addAppender(this, Level.ALL, null);
        configuration.addLogger("io.oauthgov", ours);
        configuration.getRootLogger().addAppender(this, Level.WARN, null);
        context.updateLoggers();
    }

    @Override
    public synchronized void append(LogEvent event) {
        lines.add(event.getMessage().getFormattedMessage() + (event.getThrown() == null ? "" : " " + event.getThrown()));
    }

    synchronized String text() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        Configuration configuration = context.getConfiguration();
        configuration.removeLogger("io.oauthgov");
        configuration.getRootLogger().removeAppender(getName());
        context.updateLoggers();
        stop();
    }
}
