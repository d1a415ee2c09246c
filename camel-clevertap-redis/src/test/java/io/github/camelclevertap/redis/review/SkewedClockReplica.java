package io.github.camelclevertap.redis.review;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.camelclevertap.component.upload.UploadPermits;
import io.github.camelclevertap.redis.RedisUploadPermits;

/** A replica in its own JVM (run under libfaketime by the test): asks once for a permit, prints what it got. */
public final class SkewedClockReplica {

    private SkewedClockReplica() {
    }

    public static void main(String[] args) throws Exception {
        RedisUploadPermits permits = new RedisUploadPermits();
        permits.setAddress(args[0]);
        permits.setKeyPrefix(args[1]);
        permits.start();
        UploadPermits.AccountPermits account;
        try {
            account = permits.register(args[2], 1, 1000);
        } catch (Exception e) {
            // the clock check at register refuses a JVM whose clock is off Redis' by more than half the lease margin
            System.out.println("RESULT REFUSED " + e.getMessage());
            permits.stop();
            System.exit(0);
            return;
        }
        CompletableFuture<String> answer = new CompletableFuture<>();
        account.acquire(new UploadPermits.Callback() {
            @Override
            public void granted(UploadPermits.Permit permit) {
                answer.complete("GRANTED");
                permit.release();
            }

            @Override
            public void failed(Throwable cause) {
                answer.complete("FAILED " + cause);
            }
        });
        String result;
        try {
            result = answer.get(Long.parseLong(args[3]), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result = "NONE";
        }
        System.out.println("RESULT " + result);
        permits.stop();
        System.exit(0);
    }
}
