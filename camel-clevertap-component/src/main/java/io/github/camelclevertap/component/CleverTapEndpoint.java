package io.github.camelclevertap.component;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.component.credentials.CleverTapCredentials;
import io.github.camelclevertap.component.upload.AnswerClassifier;
import io.github.camelclevertap.component.upload.InFlightLimiter;
import io.github.camelclevertap.component.upload.LayeredPermits;
import io.github.camelclevertap.component.upload.RecordBatcher;
import io.github.camelclevertap.component.upload.RetryPolicy;
import io.github.camelclevertap.component.upload.UploadClient;
import io.github.camelclevertap.component.upload.UploadLedger;
import io.github.camelclevertap.component.upload.UploadListener;
import io.github.camelclevertap.component.upload.UploadPermits;
import io.github.camelclevertap.component.upload.UploadServices;
import org.apache.camel.AsyncEndpoint;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upload user profiles and events to CleverTap in batches.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "clevertap", title = "CleverTap", syntax = "clevertap:type",
             producerOnly = true, category = { Category.SAAS, Category.API }, headersClass = CleverTapConstants.class)
public class CleverTapEndpoint extends DefaultEndpoint implements AsyncEndpoint, EndpointServiceLocation {

    @UriParam
    private CleverTapConfiguration configuration;

    private static final Logger LOG = LoggerFactory.getLogger(CleverTapEndpoint.class);

    // one per component: a mapper's caches weigh hundreds of KB once used, too much per account
    private final ObjectMapper objectMapper;
    // the producers started on this endpoint, also those Camel let go with uploads still running: a stop ends them
    private final Set<CleverTapProducer> producers = ConcurrentHashMap.newKeySet();
    private InFlightLimiter.Registration limiterRegistration;
    // the JVM's limiter alone, or in front of the component's uploadPermits
    private UploadPermits.AccountPermits permits;
    // held here, not in the configuration, so nothing that lists the options can show it
    private String passcode;

    public CleverTapEndpoint(String uri, CleverTapComponent component, CleverTapConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
        this.objectMapper = component.getObjectMapper();
    }

    @Override
    public Producer createProducer() {
        return new CleverTapProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("The clevertap component only sends records: use it in a to()");
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        configuration.validate();
        passcode = PasscodeSource.resolve(configuration, System::getenv);
        URI target = configuration.uploadUri();
        if ("http".equals(target.getScheme()) && !isLoopback(target.getHost())) {
            LOG.warn("Option baseUri {} is plain http: the passcode would cross the network unencrypted; use https",
                    serviceUrl());
        }
    }

    private static boolean isLoopback(String host) {
        // by name only: no DNS lookup while starting
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        openPermits();
        if (configuration.isVerifyCredentials()) {
            try {
                new CredentialCheck(uploadClient(configuration.uploadUri(true)), objectMapper,
                        configuration.getAccountId(), authenticationHint(),
                        configuration.getConnectTimeout() + configuration.getRequestTimeout()).verify();
            } catch (Exception e) {
                doStop();
                throw e;
            }
        }
    }

    /**
     * The account's permits, registered again if they were closed when the endpoint went idle: batches ask here each
     * time, so none uses a registration that was closed.
     */
    private synchronized UploadPermits.AccountPermits openPermits() throws Exception {
        if (permits != null) {
            return permits;
        }
        InFlightLimiter.Registration registration = getComponent().getAccountLimiters().register(
                configuration.getAccountId(), configuration.getMaxConcurrentRequests(),
                CleverTapConfiguration.MAX_CONCURRENT_REQUESTS);
        limiterRegistration = registration;
        UploadPermits shared = getComponent().getUploadPermits();
        if (shared == null) {
            permits = registration;
            return permits;
        }
        try {
            permits = new LayeredPermits(registration, shared.register(configuration.getAccountId(),
                    configuration.getMaxConcurrentRequests(), configuration.getRequestTimeout()));
        } catch (Exception e) {
            registration.close();
            throw e;
        }
        return permits;
    }

    /** What the batches of this endpoint's producers take their permits from. */
    private final UploadPermits.AccountPermits currentPermits = new UploadPermits.AccountPermits() {
        @Override
        public UploadPermits.Request acquire(UploadPermits.Callback callback) {
            UploadPermits.AccountPermits open;
            try {
                open = openPermits();
            } catch (Exception e) {
                callback.failed(e);
                return () -> false;
            }
            return open.acquire(callback);
        }

        @Override
        public void close() {
            // the endpoint closes its registration
        }
    };

    private synchronized void closePermits() {
        if (permits == null) {
            return;
        }
        try {
            permits.close();
        } catch (RuntimeException e) {
            // a shared store unreachable at this moment: the registration is gone here either way, and whoever
            // closes (a completing exchange, a stop) must not fail for it
            LOG.warn("Closing the in-flight registration of account {} failed: {}", configuration.getAccountId(),
                    e.toString());
        } finally {
            permits = null;
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (EvictionStop.isEviction(getCamelContext())) {
            // Camel's producer cache stops the endpoint of a producer it evicts: its producers' uploads finish, and
            // the account registration closes when the last of them has (producerReleased)
            synchronized (this) {
                if (producers.isEmpty()) {
                    closePermits();
                }
            }
            super.doStop();
            return;
        }
        // a forced stop may reach the endpoint before its producers finished stopping, and a producer Camel let go
        // (evicted from a cache) may still have uploads: they end now, while the component's pools still run
        for (CleverTapProducer producer : List.copyOf(producers)) {
            producer.stopUploads();
        }
        closePermits();
        super.doStop();
    }

    UploadServices createUploadServices(UploadListener uploadListener, UploadLedger ledger) {
        return new UploadServices(uploadClient(configuration.uploadUri()), currentPermits, retryPolicy(),
                classifier(), resources().scheduler(), resources().httpExecutor(), resources().continuations(),
                uploadListener, ledger, configuration.getRequestTimeout());
    }

    private UploadClient uploadClient(URI uploadUri) {
        return uploadClient(uploadUri, configuration.getAccountId(), passcode);
    }

    private UploadClient uploadClient(URI uploadUri, String accountId, String accountPasscode) {
        return new UploadClient(resources().httpClient(configuration.getConnectTimeout()), uploadUri, accountId,
                accountPasscode, Duration.ofMillis(configuration.getRequestTimeout()));
    }

    /**
     * What a producer needs to upload for an account named by the header {@link CleverTapConstants#ACCOUNT_ID}: its
     * passcode from the component's credentials, its own registration of the account's in-flight limit (the JVM's,
     * and the shared one when set), closed by the caller when the account goes idle.
     */
    AccountLanes.Lane openAccount(String accountId, UploadListener uploadListener, UploadLedger ledger) {
        CleverTapCredentials credentials = getComponent().getCredentials();
        if (credentials == null) {
            throw new CleverTapException("Header " + CleverTapConstants.ACCOUNT_ID + " names account " + accountId
                                         + ", not this endpoint's; another account needs a passcode from a "
                                         + CleverTapCredentials.class.getSimpleName() + " bean (component option"
                                         + " credentials), and none is set");
        }
        String accountPasscode = credentials.passcode(accountId);
        if (accountPasscode == null) {
            throw new CleverTapException("Header " + CleverTapConstants.ACCOUNT_ID + " names account " + accountId
                                         + ", which has no passcode in " + credentials.describe(accountId));
        }
        // checked like the endpoint's own passcode: a control character would be sent and answered with a 401
        PasscodeSource.sendable(accountPasscode, "The passcode of account " + accountId + " in "
                                                 + credentials.describe(accountId));
        InFlightLimiter.Registration registration = getComponent().getAccountLimiters().register(accountId,
                configuration.getMaxConcurrentRequests(), CleverTapConfiguration.MAX_CONCURRENT_REQUESTS);
        UploadPermits.AccountPermits accountPermits = registration;
        UploadPermits shared = getComponent().getUploadPermits();
        if (shared != null) {
            try {
                accountPermits = new LayeredPermits(registration, shared.register(accountId,
                        configuration.getMaxConcurrentRequests(), configuration.getRequestTimeout()));
            } catch (Exception e) {
                registration.close();
                throw new CleverTapException("Could not register account " + accountId + " with the uploadPermits: "
                                             + e.getMessage(), e);
            }
        }
        UploadServices services = new UploadServices(
                uploadClient(configuration.uploadUri(), accountId, accountPasscode), accountPermits,
                retryPolicy(), classifier(), resources().scheduler(), resources().httpExecutor(),
                resources().continuations(), uploadListener, ledger, configuration.getRequestTimeout());
        RecordBatcher batcher = new RecordBatcher(configuration.getBatchSize(), configuration.getBatchTimeout(),
                resources().scheduler(), services::upload);
        return new AccountLanes.Lane(accountId, batcher, accountPermits);
    }

    private RetryPolicy retryPolicy() {
        return new RetryPolicy(configuration.getMaxRetries(), configuration.getRetryDelay(),
                configuration.getMaxRetryDelay());
    }

    private AnswerClassifier classifier() {
        return new AnswerClassifier(objectMapper, authenticationHint(), configuration.getRequestTimeout());
    }

    String authenticationHint() {
        if (configuration.getBaseUri() != null) {
            return "requests go to baseUri " + serviceUrl();
        }
        String others = CleverTapRegion.ids().replace(configuration.getRegion() + ", ", "")
                .replace(", " + configuration.getRegion(), "");
        return "this endpoint uses region '" + configuration.getRegion() + "' (" + serviceUrl()
               + "); an account lives in exactly one region, the others are " + others;
    }

    private String serviceUrl() {
        URI uri = configuration.uploadUri();
        // host and port only: a proxy URI may carry credentials (user-info), which health details and logs show
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    @Override
    public CleverTapComponent getComponent() {
        return (CleverTapComponent) super.getComponent();
    }

    public CleverTapConfiguration getConfiguration() {
        return configuration;
    }

    /**
     * The component's settings.
     */
    public void setConfiguration(CleverTapConfiguration configuration) {
        this.configuration = configuration;
    }

    synchronized void producerStarted(CleverTapProducer producer) throws Exception {
        // the permits of an endpoint whose producers all ended after Camel let them go are open again
        openPermits();
        producers.add(producer);
        getComponent().producerStarted(producer);
    }

    /** A producer Camel let go takes an exchange after all (see {@link #producerReleased}). */
    synchronized void producerReattached(CleverTapProducer producer) {
        producers.add(producer);
        getComponent().producerStarted(producer);
    }

    void producerStopped(CleverTapProducer producer) {
        producers.remove(producer);
        getComponent().producerStopped(producer);
    }

    /**
     * A producer Camel let go (evicted from its producer cache) has finished its last upload. With no producer left,
     * the endpoint may be unreachable already (Camel's endpoint cache does not stop what it evicts): its account
     * registration closes now, so idle accounts hold no state; a new producer opens it again.
     */
    synchronized void producerReleased(CleverTapProducer producer) {
        producerStopped(producer);
        if (producers.isEmpty()) {
            closePermits();
        }
    }

    ObjectMapper getObjectMapper() {
        return objectMapper;
    }

    ScheduledExecutorService getScheduler() {
        return resources().scheduler();
    }

    /** The component's threads and HTTP clients, shared with its other endpoints. */
    private SharedResources resources() {
        return getComponent().sharedResources();
    }

    /**
     * The account's shared in-flight limiter, available once the endpoint has started.
     */
    public InFlightLimiter getLimiter() {
        InFlightLimiter.Registration registration = limiterRegistration;
        return registration == null ? null : registration.limiter();
    }

    @Override
    public String getServiceUrl() {
        return serviceUrl();
    }

    @Override
    public String getServiceProtocol() {
        return "https".equals(configuration.uploadUri().getScheme()) ? "https" : "http";
    }
}
