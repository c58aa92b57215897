package io.oauthgov.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClosedAlongsideTest {

    @Test
    void closeWithoutABackgroundCloseClosesTheResourceOnce() throws Exception {
        AtomicInteger closes = new AtomicInteger();
        ClosedAlongside<AutoCloseable> alongside = new ClosedAlongside<>(closes::incrementAndGet);

        alongside.close();

        assertThat(closes).hasValue(1);
    }

    @Test
    void closeWaitsForTheBackgroundCloseAndNeverClosesTwice() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger closes = new AtomicInteger();
        ClosedAlongside<AutoCloseable> alongside = new ClosedAlongside<>(() -> {
            release.await();
            closes.incrementAndGet();
        });
        alongside.closeInBackground("test-close");
        alongside.closeInBackground("test-close-again");
        assertThat(closes).as("still closing on its own thread").hasValue(0);

        Thread waiter = new Thread(() -> {
            try {
                alongside.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        waiter.start();
        release.countDown();
        waiter.join();

        assertThat(closes).hasValue(1);
    }

    @Test
    void closeRethrowsWhatTheBackgroundCloseThrew() {
        ClosedAlongside<AutoCloseable> alongside = new ClosedAlongside<>(() -> {
            throw new IllegalStateException("could not close");
        });
        alongside.closeInBackground("test-close");

        assertThatThrownBy(alongside::close).isInstanceOf(IllegalStateException.class).hasMessage("could not close");
    }
}
