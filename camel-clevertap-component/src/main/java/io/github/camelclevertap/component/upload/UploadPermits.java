package io.github.camelclevertap.component.upload;

/**
 * Where an account's upload requests get their permits when more than one JVM sends for the account: CleverTap allows
 * 15 concurrent requests per account whatever sends them. The component always asks the JVM's own limiter first
 * ({@link AccountLimiters}), so a JVM asks an {@code UploadPermits} for at most its own outstanding requests, and then
 * the {@code UploadPermits} set on the component, if any. Nothing here may block a thread: permits are granted through
 * a callback.
 *
 * <p>An implementation that is a Camel {@link org.apache.camel.Service} is started and stopped with the component.
 */
public interface UploadPermits {

    /**
     * Called when an endpoint starts. Fails fast, naming the option, on settings that cannot work.
     *
     * @param accountId            the CleverTap account
     * @param limit                the endpoint's {@code maxConcurrentRequests}
     * @param requestTimeoutMillis the endpoint's {@code requestTimeout}: the most one request takes, and how long the
     *                             slot of a request given up without an answer rests before it is used again
     */
    AccountPermits register(String accountId, int limit, long requestTimeoutMillis) throws Exception;

    /** One endpoint's use of one account's permits; closed when the endpoint stops. */
    interface AccountPermits extends AutoCloseable {

        /**
         * Asks for a permit. Exactly one of the callback's methods runs, once, unless the request is cancelled first:
         * on this thread before this method returns, or on any other thread later. The callback must only start work.
         */
        Request acquire(Callback callback);

        @Override
        void close();
    }

    /** What a request for a permit is told. */
    interface Callback {

        void granted(Permit permit);

        /** No permit can be had now (the store of permits is unreachable, say): the caller gives up this attempt. */
        void failed(Throwable cause);
    }

    /** A request for a permit, until it is granted. */
    interface Request {

        /**
         * Stops waiting.
         *
         * @return true when the callback will not run; false when it has run or is about to, and whoever gets the
         *         permit releases it
         */
        boolean cancel();
    }

    /** One request's slot. Released exactly once, however often either method is called. */
    interface Permit {

        void release();

        /**
         * Releases the slot after a delay: for a request given up without an answer, which CleverTap may still be
         * working on.
         */
        void releaseAfter(long delayMillis);

        /**
         * Whether the slot is still this permit's: false once the store may have given it to someone else (its lease
         * ended while it could not be renewed). Checked before each retry: a batch whose permit is no longer valid
         * releases it and asks for another. Default: always valid.
         */
        default boolean isValid() {
            return true;
        }
    }
}
