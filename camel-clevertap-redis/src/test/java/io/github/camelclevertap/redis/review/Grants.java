package io.github.camelclevertap.redis.review;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelclevertap.component.upload.UploadPermits;

/** Collects what a set of permit requests is told; a failed request is asked again (as the next batch would). */
final class Grants implements UploadPermits.Callback {

    final List<UploadPermits.Permit> permits = new CopyOnWriteArrayList<>();
    final AtomicInteger failures = new AtomicInteger();
    final List<UploadPermits.Request> requests = new CopyOnWriteArrayList<>();
    private final UploadPermits.AccountPermits account;
    private final boolean askAgainOnFailure;

    Grants(UploadPermits.AccountPermits account, boolean askAgainOnFailure) {
        this.account = account;
        this.askAgainOnFailure = askAgainOnFailure;
    }

    Grants ask(int n) {
        for (int i = 0; i < n; i++) {
            requests.add(account.acquire(this));
        }
        return this;
    }

    int granted() {
        return permits.size();
    }

    /** The permits granted that are still valid: a holder starts no attempt in a permit that is not. */
    int valid() {
        return (int) permits.stream().filter(UploadPermits.Permit::isValid).count();
    }

    @Override
    public void granted(UploadPermits.Permit permit) {
        permits.add(permit);
    }

    @Override
    public void failed(Throwable cause) {
        failures.incrementAndGet();
        if (askAgainOnFailure) {
            requests.add(account.acquire(this));
        }
    }

    void releaseAll() {
        permits.forEach(UploadPermits.Permit::release);
    }
}
