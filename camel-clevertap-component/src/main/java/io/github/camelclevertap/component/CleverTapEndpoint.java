package io.github.camelclevertap.component;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.component.upload.AnswerClassifier;
import io.github.camelclevertap.component.upload.Continuations;
import io.github.camelclevertap.component.upload.InFlightLimiter;
import io.github.camelclevertap.component.upload.LayeredPermits;
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

    private final ObjectMapper objectMapper = new ObjectMapper();
    private HttpClient httpClient;
    private ExecutorService httpExecutor;
    private ExecutorService completionExecutor;
    private Continuations continuations;
    // the producers started on this endpoint: they end their uploads before this endpoint's pools shut down
    private final Set<CleverTapProducer> producers = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService scheduler;
    private InFlightLimiter.Registration limiterRegistration;
    // the JVM's limiter alone, or in front of the component's uploadPermits
    private UploadPermits.AccountPermits permits;
    // held here, not in the configuration, so nothing that lists the options can show it
    private String passcode;

    public CleverTapEndpoint(String uri, CleverTapComponent component, CleverTapConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
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
        httpExecutor = getCamelContext().getExecutorServiceManager().newCachedThreadPool(this, "CleverTapHttpClient");
        // routing continues here after a batch, never on the HTTP client's threads (see UploadServices)
        completionExecutor = getCamelContext().getExecutorServiceManager().newDefaultThreadPool(this,
                "CleverTapCompletion");
        continuations = new Continuations(completionExecutor);
        scheduler = getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                "CleverTapScheduler");
        httpClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(configuration.getConnectTimeout()))
                .executor(httpExecutor)
                .build();
        limiterRegistration = getComponent().getAccountLimiters().register(configuration.getAccountId(),
                configuration.getMaxConcurrentRequests(), CleverTapConfiguration.MAX_CONCURRENT_REQUESTS);
        permits = limiterRegistration;
        UploadPermits shared = getComponent().getUploadPermits();
        if (shared != null) {
            try {
                permits = new LayeredPermits(limiterRegistration, shared.register(configuration.getAccountId(),
                        configuration.getMaxConcurrentRequests(), configuration.getRequestTimeout()));
            } catch (Exception e) {
                doStop();
                throw e;
            }
        }
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

    @Override
    protected void doStop() throws Exception {
        // a forced stop may reach the endpoint before its producers finished stopping: their batches must end while
        // the pools they use still run
        for (CleverTapProducer producer : List.copyOf(producers)) {
            producer.stopUploads();
        }
        if (permits != null) {
            permits.close();
        }
        getCamelContext().getExecutorServiceManager().shutdown(scheduler);
        getCamelContext().getExecutorServiceManager().shutdown(httpExecutor);
        getCamelContext().getExecutorServiceManager().shutdown(completionExecutor);
        // what the pool did not run, runs here: no exchange is left waiting for its continuation
        if (continuations != null) { // null when the endpoint is stopped without having started
            continuations.drain();
        }
        httpClient = null;
        super.doStop();
    }

    UploadServices createUploadServices(UploadListener uploadListener, UploadLedger ledger) {
        RetryPolicy retryPolicy = new RetryPolicy(configuration.getMaxRetries(), configuration.getRetryDelay(),
                configuration.getMaxRetryDelay());
        AnswerClassifier classifier = new AnswerClassifier(objectMapper, authenticationHint(),
                configuration.getRequestTimeout());
        return new UploadServices(uploadClient(configuration.uploadUri()), permits, retryPolicy,
                classifier, scheduler, httpExecutor, continuations, uploadListener, ledger,
                configuration.getRequestTimeout());
    }

    private UploadClient uploadClient(URI uploadUri) {
        return new UploadClient(httpClient, uploadUri, configuration.getAccountId(), passcode,
                Duration.ofMillis(configuration.getRequestTimeout()));
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

    void producerStarted(CleverTapProducer producer) {
        producers.add(producer);
    }

    void producerStopped(CleverTapProducer producer) {
        producers.remove(producer);
    }

    ObjectMapper getObjectMapper() {
        return objectMapper;
    }

    ScheduledExecutorService getScheduler() {
        return scheduler;
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
