package io.oauthgov.genesys.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final FakeTime time = new FakeTime();
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), time);

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            breaker.onFailure();
        }
    }

    /** Opens the breaker, waits out its cool-down and takes the one probe. */
    private CircuitBreaker.Admission probeOut() throws InterruptedException {
        fail(3);
        time.sleep(Duration.ofSeconds(30));
        CircuitBreaker.Admission probe = breaker.admit();
        assertThat(probe).isEqualTo(CircuitBreaker.Admission.PROBE);
        return probe;
    }

    /** Another caller asking for admission, concurrently with the test's own thread. */
    private CompletableFuture<CircuitBreaker.Admission> admitOnAnotherThread() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return breaker.admit();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void opensAfterConsecutiveFailuresAndAdmitsOneProbeAfterTheCoolDown() throws Exception {
        fail(2);
        assertThat(breaker.admit()).isEqualTo(CircuitBreaker.Admission.CALL);

        breaker.onFailure();
        assertThat(breaker.admit()).isEqualTo(CircuitBreaker.Admission.REFUSED);
        assertThat(breaker.remainingOpen()).isEqualTo(Duration.ofSeconds(30));

        time.sleep(Duration.ofSeconds(30));
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker.admit()).isEqualTo(CircuitBreaker.Admission.PROBE);
    }

    @Test
    void aFailedProbeOpensAgainAndASuccessfulOneCloses() throws Exception {
        fail(3);
        time.sleep(Duration.ofSeconds(30));

        assertThat(breaker.admit()).isEqualTo(CircuitBreaker.Admission.PROBE);
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);

        time.sleep(Duration.ofSeconds(30));
        assertThat(breaker.admit()).isEqualTo(CircuitBreaker.Admission.PROBE);
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.failingFor()).isZero();
    }

    @Test
    void callersArrivingWhileTheProbeIsOutWaitForItsVerdict() throws Exception {
        probeOut();

        CompletableFuture<CircuitBreaker.Admission> second = admitOnAnotherThread();
        Thread.sleep(200); // give the second caller time to rush in, if it could
        assertThat(second).as("no second call while the probe is out").isNotDone();

        breaker.onSuccess();
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(CircuitBreaker.Admission.CALL);
    }

    @Test
    void aFailedProbeRefusesTheWaitingCallersUntilTheNextCoolDown() throws Exception {
        probeOut();
        CompletableFuture<CircuitBreaker.Admission> waiting = admitOnAnotherThread();

        breaker.onFailure();

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo(CircuitBreaker.Admission.REFUSED);
    }

    @Test
    void aProbeEndedWithoutAVerdictLetsTheNextCallerProbe() throws Exception {
        CircuitBreaker.Admission probe = probeOut();
        CompletableFuture<CircuitBreaker.Admission> next = admitOnAnotherThread();

        breaker.release(probe); // e.g. the probe was answered 429: nothing learned about the platform

        assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo(CircuitBreaker.Admission.PROBE);
    }

    @Test
    void failingForCountsFromTheFirstFailureWithoutASuccessSince() {
        breaker.onFailure();
        time.sleep(Duration.ofSeconds(40));
        breaker.onFailure();
        time.sleep(Duration.ofSeconds(20));

        assertThat(breaker.failingFor()).isEqualTo(Duration.ofMinutes(1));

        breaker.onSuccess();
        assertThat(breaker.failingFor()).isZero();
    }

    @Test
    void aSuccessResetsTheFailureCount() throws Exception {
        fail(2);
        breaker.onSuccess();
        fail(2);

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.admit()).isEqualTo(CircuitBreaker.Admission.CALL);
    }
}
