package io.github.camelclevertap.component;

import java.util.ArrayList;
import java.util.List;

import io.github.camelclevertap.component.upload.InFlightLimiter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightLimiterTest {

    @Test
    void theLowestRegisteredLimitAppliesUntilItsEndpointLeaves() {
        InFlightLimiter.Registration fifteen = InFlightLimiter.register("limiter-account", 15, 15);
        InFlightLimiter.Registration five = InFlightLimiter.register("limiter-account", 5, 15);
        InFlightLimiter limiter = fifteen.limiter();

        assertThat(five.limiter()).isSameAs(limiter);
        assertThat(limiter.limit()).isEqualTo(5);
        five.close();
        assertThat(limiter.limit()).isEqualTo(15);
        fifteen.close();
    }

    @Test
    void tasksBeyondTheLimitWaitAndRunWhenASlotIsReleased() {
        InFlightLimiter.Registration registration = InFlightLimiter.register("queue-account", 2, 15);
        InFlightLimiter limiter = registration.limiter();
        List<Integer> started = new ArrayList<>();

        for (int i = 0; i < 5; i++) {
            int task = i;
            limiter.execute(() -> started.add(task), Runnable::run);
        }
        assertThat(started).containsExactly(0, 1);
        assertThat(limiter.waiting()).isEqualTo(3);

        limiter.release();
        assertThat(started).containsExactly(0, 1, 2);
        limiter.release();
        limiter.release();
        limiter.release();
        limiter.release();
        assertThat(started).containsExactly(0, 1, 2, 3, 4);
        assertThat(limiter.inFlight()).isZero();
        assertThat(limiter.peakInFlight()).isEqualTo(2);
        registration.close();
    }
}
