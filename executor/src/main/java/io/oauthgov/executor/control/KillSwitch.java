package io.oauthgov.executor.control;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops every change to a customer's organization — deactivate, delete, restore — for one org or for all. Engaged
 * by a {@code KILL_SWITCH_ON} record on the control topic (org or {@code *}) or by the presence of a file, which
 * works when Kafka itself is the problem. Checked immediately before each mutating call, so a switch engaged while
 * a lane waits for its rate budget still stops that lane's next call; the control topic is polled every 100 ms.
 *
 * <p>Fails closed: it is engaged for every org until the control topic has been read to its end once, so an
 * executor that cannot read it changes nothing. Only explicit ON/OFF records move it; what the tail cannot read
 * leaves it as it was.
 */
public final class KillSwitch {
    public static final String ALL_ORGS = "*";
    private static final Duration RECHECK = Duration.ofMillis(50);

    private final Map<String, Boolean> engaged = new ConcurrentHashMap<>();
    private final Path file;
    private volatile boolean controlTopicRead;

    /** @param file engages the switch for every org while it exists; null for none */
    public KillSwitch(Path file) {
        this.file = file;
    }

    public void set(String orgId, boolean on) {
        engaged.put(orgId, on);
    }

    /** The control topic has been read up to where it ended at start: from now on its records decide. */
    public void controlTopicRead() {
        controlTopicRead = true;
    }

    public boolean engagedFor(String orgId) {
        return !controlTopicRead || engaged.getOrDefault(ALL_ORGS, false) || engaged.getOrDefault(orgId, false)
                || (file != null && Files.exists(file));
    }

    /** Blocks while the switch is engaged for the org; returns at once when it is not. */
    public void awaitClear(String orgId) throws InterruptedException {
        while (engagedFor(orgId)) {
            Thread.sleep(RECHECK.toMillis());
        }
    }
}
