package io.github.camelclevertap.component.upload;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM's permit first, then the shared one: a JVM asks the shared store for at most its own outstanding requests,
 * and its waiting batches keep their first-in, first-out order. The permit granted holds both and gives both back
 * exactly once; when the shared one cannot be had, the local one is given back and the request fails.
 */
public final class LayeredPermits implements UploadPermits.AccountPermits {

    private static final Logger LOG = LoggerFactory.getLogger(LayeredPermits.class);

    private final UploadPermits.AccountPermits local;
    private final UploadPermits.AccountPermits shared;

    public LayeredPermits(UploadPermits.AccountPermits local, UploadPermits.AccountPermits shared) {
        this.local = local;
        this.shared = shared;
    }

    @Override
    public UploadPermits.Request acquire(UploadPermits.Callback callback) {
        TwoStageRequest request = new TwoStageRequest(callback);
        request.start();
        return request;
    }

    /** Closes the shared registration, then the local one. */
    @Override
    public void close() {
        try {
            shared.close();
        } finally {
            local.close();
        }
    }

    private final class TwoStageRequest implements UploadPermits.Request, UploadPermits.Callback {

        private final UploadPermits.Callback callback;
        // guarded by this
        private UploadPermits.Request localRequest;
        private UploadPermits.Request sharedRequest;
        private UploadPermits.Permit localPermit;
        private boolean cancelled;
        private boolean answered;

        TwoStageRequest(UploadPermits.Callback callback) {
            this.callback = callback;
        }

        void start() {
            UploadPermits.Request first = local.acquire(new UploadPermits.Callback() {
                @Override
                public void granted(UploadPermits.Permit permit) {
                    onLocal(permit);
                }

                @Override
                public void failed(Throwable cause) {
                    TwoStageRequest.this.failed(cause);
                }
            });
            synchronized (this) {
                localRequest = first;
            }
        }

        private void onLocal(UploadPermits.Permit permit) {
            boolean keep;
            synchronized (this) {
                keep = !cancelled;
                if (keep) {
                    localPermit = permit;
                } else {
                    answered = true;
                }
            }
            if (!keep) {
                permit.release();
                return;
            }
            UploadPermits.Request second;
            try {
                second = shared.acquire(this);
            } catch (RuntimeException e) {
                failed(e);
                return;
            }
            boolean cancelNow;
            synchronized (this) {
                sharedRequest = second;
                cancelNow = cancelled && !answered;
            }
            if (cancelNow) {
                cancelShared(second);
            }
        }

        /** The shared permit. */
        @Override
        public void granted(UploadPermits.Permit sharedPermit) {
            UploadPermits.Permit held;
            boolean tell;
            synchronized (this) {
                if (answered) {
                    // cannot happen with a well-behaved store; give the extra permit back
                    held = null;
                    tell = false;
                } else {
                    answered = true;
                    held = localPermit;
                    localPermit = null;
                    tell = !cancelled;
                }
            }
            if (tell) {
                callback.granted(new BothPermits(held, sharedPermit));
                return;
            }
            sharedPermit.release();
            if (held != null) {
                held.release();
            }
        }

        @Override
        public void failed(Throwable cause) {
            UploadPermits.Permit held;
            boolean tell;
            synchronized (this) {
                if (answered) {
                    return;
                }
                answered = true;
                held = localPermit;
                localPermit = null;
                tell = !cancelled;
            }
            if (held != null) {
                held.release();
            }
            if (tell) {
                callback.failed(cause);
            }
        }

        @Override
        public boolean cancel() {
            UploadPermits.Request first;
            UploadPermits.Request second;
            synchronized (this) {
                if (answered) {
                    return false;
                }
                cancelled = true;
                first = localRequest;
                second = sharedRequest;
            }
            if (second != null) {
                cancelShared(second);
            } else if (first != null) {
                // when the local permit comes anyway, onLocal gives it back
                first.cancel();
            }
            return true;
        }

        /** Cancelled while asking the shared store: when it will not answer any more, the local permit goes back. */
        private void cancelShared(UploadPermits.Request second) {
            if (!second.cancel()) {
                // its answer comes and finds the request cancelled
                return;
            }
            UploadPermits.Permit held;
            synchronized (this) {
                answered = true;
                held = localPermit;
                localPermit = null;
            }
            if (held != null) {
                held.release();
            }
        }
    }

    /** Gives back the shared permit, then the local one, exactly once. */
    private static final class BothPermits implements UploadPermits.Permit {

        private final UploadPermits.Permit local;
        private final UploadPermits.Permit shared;
        private final AtomicBoolean released = new AtomicBoolean();

        BothPermits(UploadPermits.Permit local, UploadPermits.Permit shared) {
            this.local = local;
            this.shared = shared;
        }

        @Override
        public void release() {
            if (released.compareAndSet(false, true)) {
                try {
                    shared.release();
                } catch (RuntimeException e) {
                    LOG.warn("Could not give back a shared upload permit; it comes back when its lease ends", e);
                } finally {
                    local.release();
                }
            }
        }

        @Override
        public boolean isValid() {
            return !released.get() && shared.isValid() && local.isValid();
        }

        @Override
        public void releaseAfter(long delayMillis) {
            if (released.compareAndSet(false, true)) {
                try {
                    shared.releaseAfter(delayMillis);
                } catch (RuntimeException e) {
                    LOG.warn("Could not give back a shared upload permit; it comes back when its lease ends", e);
                } finally {
                    local.releaseAfter(delayMillis);
                }
            }
        }
    }
}
