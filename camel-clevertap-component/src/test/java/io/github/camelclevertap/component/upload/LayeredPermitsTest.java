package io.github.camelclevertap.component.upload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LayeredPermitsTest {

    private final AccountLimiters limiters = new AccountLimiters();
    private final InFlightLimiter.Registration local = limiters.register("acc", 1, 15);
    private final ManualStore store = new ManualStore();
    private final LayeredPermits permits = new LayeredPermits(local, store);
    private final AtomicReference<UploadPermits.Permit> granted = new AtomicReference<>();
    private final AtomicReference<Throwable> failed = new AtomicReference<>();
    private final UploadPermits.Callback callback = new UploadPermits.Callback() {
        @Override
        public void granted(UploadPermits.Permit permit) {
            granted.set(permit);
        }

        @Override
        public void failed(Throwable cause) {
            failed.set(cause);
        }
    };

    @Test
    void theSharedStoreIsAskedOnlyOnceTheLocalPermitIsHeldAndBothGoBackOnce() {
        permits.acquire(callback);
        UploadPermits.Request second = permits.acquire(callback);
        // the local limit is 1: only the first asks the store
        assertThat(store.waiting).hasSize(1);
        store.grantNext();
        UploadPermits.Permit first = granted.getAndSet(null);
        assertThat(first).isNotNull();

        first.release();
        first.release();
        assertThat(store.released.get()).isEqualTo(1);
        // the local slot went to the second request, which now asks the store
        assertThat(store.waiting).hasSize(1);
        assertThat(second.cancel()).isTrue();
        assertThat(local.limiter().inFlight()).isZero();
        assertThat(store.cancelled.get()).isEqualTo(1);
    }

    @Test
    void aFailedStoreGivesTheLocalPermitBackAndTellsTheCaller() {
        permits.acquire(callback);
        store.failNext(new IllegalStateException("down"));
        assertThat(failed.get()).hasMessage("down");
        assertThat(granted.get()).isNull();
        assertThat(local.limiter().inFlight()).isZero();
    }

    @Test
    void aPermitGrantedAfterTheCancelGoesBackUnseen() {
        UploadPermits.Request request = permits.acquire(callback);
        store.cancellable = false;
        assertThat(request.cancel()).isTrue();
        store.grantNext();
        assertThat(granted.get()).isNull();
        assertThat(store.released.get()).isEqualTo(1);
        assertThat(local.limiter().inFlight()).isZero();
    }

    @Test
    void releaseAfterDelaysBoth() {
        permits.acquire(callback);
        store.grantNext();
        granted.get().releaseAfter(50);
        granted.get().release();
        assertThat(store.delayed).containsExactly(50L);
        assertThat(local.limiter().inFlight()).isEqualTo(1);
        org.awaitility.Awaitility.await().until(() -> local.limiter().inFlight() == 0);
    }

    /** A shared store answered by the test. */
    private static final class ManualStore implements UploadPermits.AccountPermits {

        final List<UploadPermits.Callback> waiting = new ArrayList<>();
        final AtomicInteger released = new AtomicInteger();
        final AtomicInteger cancelled = new AtomicInteger();
        final List<Long> delayed = new ArrayList<>();
        boolean cancellable = true;

        @Override
        public UploadPermits.Request acquire(UploadPermits.Callback callback) {
            waiting.add(callback);
            return () -> {
                if (cancellable && waiting.remove(callback)) {
                    cancelled.incrementAndGet();
                    return true;
                }
                return false;
            };
        }

        void grantNext() {
            waiting.remove(0).granted(new UploadPermits.Permit() {
                @Override
                public void release() {
                    released.incrementAndGet();
                }

                @Override
                public void releaseAfter(long delayMillis) {
                    delayed.add(delayMillis);
                }
            });
        }

        void failNext(Throwable cause) {
            waiting.remove(0).failed(cause);
        }

        @Override
        public void close() {
        }
    }
}
