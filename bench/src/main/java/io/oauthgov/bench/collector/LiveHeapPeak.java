package io.oauthgov.bench.collector;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The most heap found in use right after any garbage collection while it watches: the live set plus whatever old
 * garbage that collection left (a young collection does not clear the old generation), so an upper bound of what
 * the work in between kept reachable. Measured against a baseline taken after a full collection at the start, it
 * says how much the work grew the heap, without counting what it merely allocated and dropped.
 */
final class LiveHeapPeak implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
            peak.accumulateAndGet(used, Math::max);
        }
    };
    private final long baseline;

    LiveHeapPeak() {
        System.gc();
        baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    /** The heap in use after the start's full collection, in bytes. */
    long baseline() {
        return baseline;
    }

    /** The highest post-collection heap use seen so far minus the baseline, in bytes (0 when no collection ran). */
    long growth() {
        return Math.max(0, peak.get() - baseline);
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException e) {
                // already gone: nothing to stop
            }
        }
    }
}
