package io.github.camelclevertap.routetemplates;

import java.util.List;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The platform-http engine of one webhook route (the Kamelet passes it as the endpoint's `platformHttpEngine`): the
 * same Vert.x router, port and paths as the application's engine, but its consumer ({@link WebhookHttpConsumer})
 * routes each call asynchronously, so a call waiting for CleverTap holds no thread, and answers 503 past
 * {@link #setMaxWaitingCalls(int)} calls waiting at once.
 */
public class WebhookHttpEngine extends VertxPlatformHttpEngine {

    /** The default bound on calls waiting at once. */
    public static final int DEFAULT_MAX_WAITING_CALLS = 10_000;

    private int maxWaitingCalls = DEFAULT_MAX_WAITING_CALLS;

    /**
     * The most calls of this webhook waiting at once for their answer; one more is answered 503 with `Retry-After`
     * at once.
     */
    public void setMaxWaitingCalls(int maxWaitingCalls) {
        if (maxWaitingCalls < 1) {
            throw new IllegalArgumentException("maxWaitingCalls must be at least 1, not " + maxWaitingCalls);
        }
        this.maxWaitingCalls = maxWaitingCalls;
    }

    public int getMaxWaitingCalls() {
        return maxWaitingCalls;
    }

    @Override
    protected void doInit() {
        // the parent binds itself as the application's engine: this one serves its own route only
    }

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        if (getCamelContext() == null) {
            setCamelContext(endpoint.getCamelContext());
        }
        return new WebhookHttpConsumer(endpoint, processor, handlers(endpoint),
                VertxPlatformHttpRouter.getRouterNameFromPort(getServerPort()), maxWaitingCalls);
    }

    /** The handlers the application's engine puts before every route (authentication, say), also before this one. */
    private List<Handler<RoutingContext>> handlers(PlatformHttpEndpoint endpoint) {
        if (getHandlers() != null && !getHandlers().isEmpty()) {
            return getHandlers();
        }
        PlatformHttpEngine shared = endpoint.getComponent().getEngine();
        if (shared instanceof VertxPlatformHttpEngine vertx && shared != this && vertx.getHandlers() != null) {
            return vertx.getHandlers();
        }
        return List.of();
    }
}
