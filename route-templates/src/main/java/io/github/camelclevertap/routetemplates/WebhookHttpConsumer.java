package io.github.camelclevertap.routetemplates;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook's HTTP consumer: reads a call as platform-http does, then hands the exchange to Camel's asynchronous
 * routing from the Vert.x event loop, instead of a worker thread that waits for it as platform-http does, and answers
 * when the exchange completes, so a call that waits for CleverTap holds no thread. The route's own steps are CPU work
 * (checking credentials, reading and mapping the JSON; the Kamelet moves them to a thread pool) up to the CleverTap
 * producer, which does not block.
 * <p>
 * At most {@code maxWaitingCalls} calls wait at once: one more is answered 503 with `Retry-After` at once, without
 * entering the route. The answer is the one the route left on the message (the Kamelet's `WebhookResponder` or
 * `WebhookAuthenticator` set status, Content-Type and a JSON body); no other header of the message is sent, and a
 * 503 gets `Retry-After`. An exception the route left on the exchange (a forced stop skips the Kamelet's doCatch) is
 * answered as `WebhookResponder` answers it.
 */
final class WebhookHttpConsumer extends VertxPlatformHttpConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHttpConsumer.class);
    static final String RETRY_AFTER_SECONDS = "1";
    private static final String JSON = "application/json";

    private final int maxWaitingCalls;
    private final AtomicInteger waiting = new AtomicInteger();
    /** The application's route taking this webhook's records, "" when there is none; null until looked up. */
    private volatile String recordRouteId;

    WebhookHttpConsumer(PlatformHttpEndpoint endpoint, Processor processor, List<Handler<RoutingContext>> handlers,
                        String routerName, int maxWaitingCalls) {
        super(endpoint, processor, handlers, routerName);
        this.maxWaitingCalls = maxWaitingCalls;
    }

    /** The calls read or routed and not answered yet. */
    int waitingCalls() {
        return waiting.get();
    }

    @Override
    protected void handleRequest(RoutingContext ctx) {
        if (isSuspended() || !recordRouteRuns()) {
            refuse(ctx, "the webhook is suspended or stopped: retry later");
            return;
        }
        if (waiting.incrementAndGet() > maxWaitingCalls) {
            waiting.decrementAndGet();
            refuse(ctx, "too many calls are waiting (" + maxWaitingCalls + "): retry later");
            return;
        }
        Call call;
        try {
            call = new Call(ctx);
        } catch (RuntimeException e) {
            waiting.decrementAndGet();
            ctx.fail(e);
            return;
        }
        call.start();
    }

    /**
     * Whether the application's route that takes this webhook's records (`from: kamelet:clevertap-webhook-source`)
     * runs. Suspended or stopped, its Kamelet consumer is gone and a call would wait in `kamelet:sink` for it (30 s,
     * holding a thread) and end 500: it is answered 503 at once instead. Outside a Kamelet there is no such route.
     */
    private boolean recordRouteRuns() {
        String routeId = recordRouteId;
        if (routeId == null) {
            routeId = findRecordRoute();
            if (routeId == null) {
                return true;
            }
            recordRouteId = routeId;
        }
        if (routeId.isEmpty()) {
            return true;
        }
        ServiceStatus status = getEndpoint().getCamelContext().getRouteController().getRouteStatus(routeId);
        return status != null && status.isStarted();
    }

    /**
     * The id of the route whose consumer is the Kamelet endpoint of this consumer's route (its `routeId` is this
     * route's id), "" when there is none, or null while the context is not started yet.
     */
    private String findRecordRoute() {
        CamelContext context = getEndpoint().getCamelContext();
        String ownRouteId = null;
        for (Route route : context.getRoutes()) {
            if (route.getEndpoint() == getEndpoint()) {
                ownRouteId = route.getRouteId();
            }
        }
        if (ownRouteId != null) {
            for (Route route : context.getRoutes()) {
                Endpoint endpoint = route.getEndpoint();
                if (endpoint.getEndpointUri().startsWith("kamelet:") && ownRouteId.equals(kameletRouteId(endpoint))) {
                    return route.getRouteId();
                }
            }
        }
        return context.isStarted() ? "" : null;
    }

    /** The route id a Kamelet endpoint stands for (camel-kamelet is the application's dependency, not this module's). */
    private static String kameletRouteId(Endpoint endpoint) {
        try {
            Object routeId = endpoint.getClass().getMethod("getRouteId").invoke(endpoint);
            return routeId instanceof String id ? id : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** 503 with Retry-After, written on the event loop at once: the caller retries, nothing was taken. */
    private static void refuse(RoutingContext ctx, String reason) {
        ctx.response().setStatusCode(503)
                .putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .end("{\"status\":\"fail\",\"error\":\"" + reason + "\",\"retry\":true}");
    }

    /** One call, from its request to its answer; it ends once, whichever way it ends. */
    private final class Call {

        private final RoutingContext ctx;
        private final Context vertxContext;
        private final Exchange exchange;
        private final AtomicBoolean ended = new AtomicBoolean();

        Call(RoutingContext ctx) {
            this.ctx = ctx;
            // the request's event loop: the answer is written there, whichever thread completes the exchange
            this.vertxContext = ctx.vertx().getOrCreateContext();
            this.exchange = createExchange(false);
            exchange.setPattern(ExchangePattern.InOut);
        }

        void start() {
            try {
                processHttpRequest(exchange, ctx).onComplete(read -> {
                    if (read.failed()) {
                        fail(read.cause());
                    } else {
                        route();
                    }
                });
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        private void route() {
            try {
                createUoW(exchange);
                getAsyncProcessor().process(exchange, doneSync -> vertxContext.runOnContext(v -> answer()));
            } catch (Exception e) {
                exchange.setException(e);
                answer();
            }
        }

        private void answer() {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            if (exchange.getException() != null) {
                // the route ended with an exception its doCatch did not answer (a forced stop does not run it, a
                // refused thread comes before it): the same outcome as the Kamelet's WebhookResponder gives
                try {
                    WebhookResponder.respond(exchange);
                } catch (Exception e) {
                    exchange.setException(e);
                }
            }
            Message message = exchange.getMessage();
            Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            Object body = message.getBody();
            if (exchange.getException() != null || status == null || !(body instanceof String)) {
                // the route did not answer the call: a bug, never the caller's secret or payload
                LOG.warn("Webhook call on {} ended without an answer: {}", getEndpoint().getPath(),
                        exchange.getException() == null ? "no status or JSON body" : exchange.getException().toString());
                status = 500;
                body = "{\"status\":\"fail\",\"error\":\"the record could not be processed\"}";
            }
            try {
                ctx.response().setStatusCode(status)
                        .putHeader(HttpHeaders.CONTENT_TYPE, message.getHeader(Exchange.CONTENT_TYPE, JSON, String.class));
                if (status == 503) {
                    // every 503 is an answer to retry: undelivered, maybe stored, or the route cannot take calls now
                    ctx.response().putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
                }
                ctx.response().end((String) body)
                        .onComplete(written -> end(written.cause()));
            } catch (RuntimeException e) {
                // the caller went away, or the response was already written (a request timeout)
                end(e);
            }
        }

        /** The request could not be read: Vert.x answers, the exchange never entered the route. */
        private void fail(Throwable cause) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            ctx.fail(cause);
            end(cause);
        }

        private void end(Throwable failure) {
            try {
                if (failure != null) {
                    getExceptionHandler().handleException("Failed answering webhook call on " + getEndpoint().getPath(),
                            exchange, failure);
                }
                doneUoW(exchange);
                releaseExchange(exchange, false);
            } finally {
                waiting.decrementAndGet();
            }
        }
    }
}
