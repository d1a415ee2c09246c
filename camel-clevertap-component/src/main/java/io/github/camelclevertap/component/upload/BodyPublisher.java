package io.github.camelclevertap.component.upload;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request body of bytes nobody changes, handed to the HTTP client as they are: {@code BodyPublishers.ofByteArray}
 * copies them into fresh buffers on every request, which was a sixth of the component's allocation. Each subscription
 * (a retry subscribes again) gets one buffer over the bytes (the client only reads it) and completes.
 */
final class BodyPublisher implements Flow.Publisher<ByteBuffer> {

    private final byte[] bytes;
    private final int length;

    private BodyPublisher(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    /** The first {@code length} bytes of the array, which must not change afterwards, with their length. */
    static HttpRequest.BodyPublisher of(byte[] bytes, int length) {
        return HttpRequest.BodyPublishers.fromPublisher(new BodyPublisher(bytes, length), length);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        AtomicBoolean done = new AtomicBoolean();
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                if (n <= 0) {
                    if (done.compareAndSet(false, true)) {
                        subscriber.onError(new IllegalArgumentException("request(" + n + "): must be positive"));
                    }
                } else if (done.compareAndSet(false, true)) {
                    subscriber.onNext(ByteBuffer.wrap(bytes, 0, length));
                    subscriber.onComplete();
                }
            }

            @Override
            public void cancel() {
                done.set(true);
            }
        });
    }
}
