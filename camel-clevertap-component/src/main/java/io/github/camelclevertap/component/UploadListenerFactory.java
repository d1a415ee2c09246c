package io.github.camelclevertap.component;

import io.github.camelclevertap.component.upload.UploadListener;

/**
 * Observes the uploads of every CleverTap producer, such as for metrics: bind one or more in the Camel registry (a
 * CDI bean in Camel Quarkus, a bean in Spring Boot) and each producer asks them for a listener when it starts.
 */
@FunctionalInterface
public interface UploadListenerFactory {

    /**
     * @param  producer the producer that starts; its endpoint tells the account, the record type and the in-flight
     *                  limiter, its route id where it sends from
     * @return          the listener of that producer's uploads, called on the upload's worker threads (what it throws is logged)
     */
    UploadListener create(CleverTapProducer producer);
}
