package io.github.camelclevertap.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.component.record.BodyReader;
import io.github.camelclevertap.component.record.RecordFactory;
import io.github.camelclevertap.component.record.RecordPreparation;
import io.github.camelclevertap.component.upload.RecordBatcher;
import io.github.camelclevertap.component.upload.UploadLedger;
import io.github.camelclevertap.component.upload.UploadListener;
import io.github.camelclevertap.component.upload.UploadServices;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.RouteIdAware;
import org.apache.camel.spi.ShutdownPrepared;
import org.apache.camel.support.ExchangeHelper;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.DefaultAsyncProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads the records of each exchange in batches shared with concurrent exchanges, and completes an exchange only
 * when CleverTap has answered for every one of its records.
 */
public class CleverTapProducer extends DefaultAsyncProducer implements RouteIdAware, ShutdownPrepared {

    private static final Logger LOG = LoggerFactory.getLogger(CleverTapProducer.class);

    private final CleverTapEndpoint endpoint;
    private final ObjectMapper mapper;
    private final BodyReader bodyReader;
    private final RecordFactory recordFactory;
    private final RecordPreparation preparation;
    private ExecutorService feeder;
    private RecordBatcher batcher;
    // the accounts named by the header CamelCleverTapAccountId, while they have exchanges
    private final AccountLanes lanes = new AccountLanes();
    private UploadLedger ledger;
    // the exchanges not completed yet, so a stop can end those whose reading is blocked
    private final Set<ExchangeUpload> uploads = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stopping = new AtomicBoolean();
    // Camel let go of this producer (evicted it from a cache) while its route runs: its uploads finish on their own
    private volatile boolean released;
    // guarded by uploads: a released producer has let go of its endpoint and account
    private boolean detached;
    private UploadListener uploadListener;
    // the listeners from the registry's factories, also told of the header accounts' uploads
    private List<UploadListener> extraListeners;
    private String routeId;
    // the route that sends here, when Camel sets no route id (the producers of a toD's cache): its stop ends the
    // uploads of this producer also after Camel let it go
    private volatile String sendingRouteId;
    private CleverTapProducerHealthCheck healthCheck;
    private WritableHealthCheckRepository healthCheckRepository;
    private final ContextStoppingListener contextStopping = new ContextStoppingListener();

    public CleverTapProducer(CleverTapEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.mapper = endpoint.getObjectMapper();
        this.bodyReader = new BodyReader(mapper);
        CleverTapConfiguration configuration = endpoint.getConfiguration();
        this.recordFactory = new RecordFactory(mapper, configuration.getType(), configuration.isAllowMixedTypes());
        this.preparation = RecordPreparation.forConfiguration(mapper, configuration);
    }

    @Override
    public CleverTapEndpoint getEndpoint() {
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        CleverTapConfiguration configuration = endpoint.getConfiguration();
        feeder = getEndpoint().getCamelContext().getExecutorServiceManager().newCachedThreadPool(this,
                "CleverTapFeeder");
        healthCheck = new CleverTapProducerHealthCheck(endpoint, healthCheckId());
        healthCheck.setEnabled(endpoint.getComponent().isHealthCheckProducerEnabled());
        healthCheckRepository = HealthCheckHelper.getHealthCheckRepository(endpoint.getCamelContext(), "producers",
                WritableHealthCheckRepository.class);
        if (healthCheckRepository != null) {
            healthCheckRepository.addHealthCheck(healthCheck);
        }
        List<UploadListener> listeners = new ArrayList<>();
        for (UploadListenerFactory factory : getEndpoint().getCamelContext().getRegistry()
                .findByType(UploadListenerFactory.class)) {
            listeners.add(factory.create(this));
        }
        extraListeners = List.copyOf(listeners);
        listeners.add(0, healthCheck);
        uploadListener = UploadListener.all(listeners);
        ledger = new UploadLedger();
        stopping.set(false);
        released = false;
        detached = false;
        // first, so the endpoint's account permits are open when the services take them
        endpoint.producerStarted(this);
        UploadServices services = endpoint.createUploadServices(uploadListener, ledger);
        batcher = new RecordBatcher(configuration.getBatchSize(), configuration.getBatchTimeout(),
                endpoint.getScheduler(), services::upload);
        getEndpoint().getCamelContext().getManagementStrategy().addEventNotifier(contextStopping);
        ServiceHelper.startService(contextStopping);
    }

    @Override
    protected void doStop() throws Exception {
        if (EvictionStop.isEviction(getEndpoint().getCamelContext())) {
            release();
            super.doStop();
            return;
        }
        try {
            stopUploads();
        } finally {
            endpoint.producerStopped(this);
            if (healthCheckRepository != null) {
                healthCheckRepository.removeHealthCheck(healthCheck);
            }
            super.doStop();
        }
    }

    /**
     * Camel evicted this producer from a full cache (a {@code toD} over more endpoints than its cache size) while the
     * context and route run: its exchanges are still the route's, so their records go on now (no batch waits for a
     * producer nobody sends to any more) and finish as they would have; the producer lets go of what it holds when
     * its last exchange completes. A stop of the route, endpoint, component or context still ends them all at once.
     */
    private void release() {
        released = true;
        if (healthCheckRepository != null) {
            healthCheckRepository.removeHealthCheck(healthCheck);
        }
        batchers().forEach(RecordBatcher::flush);
        releaseIfIdle();
    }

    private void uploadEnded(ExchangeUpload upload) {
        uploads.remove(upload);
        if (released) {
            releaseIfIdle();
        }
    }

    private void releaseIfIdle() {
        synchronized (uploads) {
            if (!uploads.isEmpty() || detached) {
                return;
            }
            detached = true;
            endpoint.producerReleased(this);
        }
        // no feed runs any more; an exchange that still comes is read on the caller's and completion threads
        getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(feeder);
        getEndpoint().getCamelContext().getManagementStrategy().removeEventNotifier(contextStopping);
        ServiceHelper.stopService(contextStopping);
    }

    /**
     * Registers an exchange's upload. Camel may evict a producer between handing it out and calling it (another
     * thread filled the cache meanwhile): an exchange that comes after the release brings the producer back to its
     * endpoint until that exchange completes.
     */
    private void track(ExchangeUpload upload) {
        synchronized (uploads) {
            uploads.add(upload);
            if (detached) {
                detached = false;
                endpoint.producerReattached(this);
            }
        }
    }

    /**
     * Ends every upload of this producer, once per start: no more reading or sending; what was gathered goes back to
     * its exchanges as not attempted; requests in flight get the shutdown timeout to end, then are aborted; every
     * exchange completes. Called by the producer's stop, or by its endpoint's when Camel forces a stop and the
     * endpoint stops first.
     */
    void stopUploads() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        try {
            getEndpoint().getCamelContext().getManagementStrategy().removeEventNotifier(contextStopping);
            ServiceHelper.stopService(contextStopping);
        } finally {
            ledger.beginStop();
            try {
                batchers().forEach(RecordBatcher::stop);
                long timeout = endpoint.getConfiguration().getShutdownTimeout();
                if (!ledger.stop(timeout)) {
                    LOG.warn("Stopped before CleverTap answered every request within {} ms; those requests were"
                             + " aborted and their records reported as of unknown outcome",
                            timeout);
                }
            } finally {
                for (ExchangeUpload upload : List.copyOf(uploads)) {
                    upload.stop();
                }
                // a reader still blocked in its input is interrupted; its exchange has completed above
                getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(feeder);
            }
        }
    }

    @Override
    public String getRouteId() {
        return routeId;
    }

    @Override
    public void setRouteId(String routeId) {
        this.routeId = routeId;
    }

    private String healthCheckId() {
        String routeId = getRouteId();
        return routeId != null ? routeId : endpoint.getConfiguration().getType() + "-" + endpoint.getId();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        if (sendingRouteId == null) {
            sendingRouteId = ExchangeHelper.getRouteId(exchange);
        }
        long window = (long) endpoint.getConfiguration().getBatchSize()
                      * endpoint.getConfiguration().getMaxConcurrentRequests();
        AccountLanes.Lane lane;
        try {
            lane = laneFor(exchange.getMessage().getHeader(CleverTapConstants.ACCOUNT_ID, String.class));
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        RecordBatcher target = lane == null ? batcher : lane.batcher;
        Object body = exchange.getMessage().getBody();
        ExchangeUpload upload = new ExchangeUpload(exchange, callback, feeder,
                owner -> new RecordFeed(body, bodyReader, recordFactory, preparation, target, window,
                        exchange.getMessage(), owner, owner.tally(), () -> uploadListener.recordsRejectedLocally(1),
                        ledger::isStopping),
                ended -> {
                    uploadEnded(ended);
                    if (lane != null) {
                        lanes.done(lane);
                    }
                });
        // registered before anything is read, so a stop can end it even while its body's head blocks
        track(upload);
        return upload.start();
    }

    /** The lane of the header's account; null for the endpoint's own account. */
    private AccountLanes.Lane laneFor(String header) {
        if (header == null) {
            return null;
        }
        if (header.isBlank()) {
            throw new CleverTapException("Header " + CleverTapConstants.ACCOUNT_ID + " is blank: it names the"
                                         + " CleverTap account of the exchange's records, or is not set");
        }
        // stripped like the option accountId: white space around an id (a CSV column) names no other account
        String accountId = header.strip();
        if (accountId.equals(endpoint.getConfiguration().getAccountId())) {
            return null;
        }
        return lanes.take(accountId, id -> endpoint.openAccount(id, laneListener(id), ledger));
    }

    /** The health check learns which header account failed; the other listeners hear of every account. */
    private UploadListener laneListener(String accountId) {
        List<UploadListener> listeners = new ArrayList<>(extraListeners);
        listeners.add(0, healthCheck.forAccount(accountId));
        return UploadListener.all(listeners);
    }

    /** Every batcher of this producer: the endpoint's account's, and those of the header's accounts in use. */
    private List<RecordBatcher> batchers() {
        List<RecordBatcher> all = new ArrayList<>();
        all.add(batcher);
        lanes.open().forEach(lane -> all.add(lane.batcher));
        return all;
    }

    /**
     * Camel's graceful shutdown timed out: stop reading bodies now, so the exchanges in flight end with what they
     * have instead of streaming on.
     */
    @Override
    public void prepareShutdown(boolean suspendOnly, boolean forced) {
        if (forced && !suspendOnly && ledger != null) {
            ledger.beginStop();
        }
    }

    /** Whether a stop of this route ends this producer's uploads although Camel no longer holds the producer. */
    private boolean releasedBy(CamelEvent.RouteStoppedEvent event) {
        String route = routeId != null ? routeId : sendingRouteId;
        return released && route != null && route.equals(event.getRoute().getRouteId());
    }

    /**
     * Camel waits for in-flight exchanges before it stops producers, so when the context starts stopping the
     * exchanges waiting in a batch must not wait out the batch timeout. A route stop reaches only the producers still
     * in its cache: one it evicted ends its uploads when the route has stopped, as it would have in its own stop.
     */
    private final class ContextStoppingListener extends SimpleEventNotifierSupport {

        ContextStoppingListener() {
            setIgnoreExchangeEvents(true);
            setIgnoreServiceEvents(true);
            setIgnoreStepEvents(true);
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.CamelContextStoppingEvent
                   || event instanceof CamelEvent.RouteStoppedEvent stopped && releasedBy(stopped);
        }

        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.RouteStoppedEvent) {
                stopUploads();
            } else {
                batchers().forEach(RecordBatcher::prepareForStop);
            }
        }
    }
}
