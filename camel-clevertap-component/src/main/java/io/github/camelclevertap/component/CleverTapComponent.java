package io.github.camelclevertap.component;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.component.credentials.CleverTapCredentials;
import io.github.camelclevertap.component.upload.AccountLimiters;
import io.github.camelclevertap.component.upload.UploadPermits;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.support.service.ServiceHelper;

/**
 * The `clevertap:` component: upload profiles and events to CleverTap.
 */
@Component("clevertap")
public class CleverTapComponent extends HealthCheckComponent {

    // Camel's URI masking does not know "passcode", so the endpoint gets a URI with the value already masked
    private static final Pattern PASSCODE_VALUE = Pattern.compile(
            "(?i)([?&]passcode=)(RAW\\(.*?\\)(?=&|$)|RAW\\{.*?\\}(?=&|$)|[^&]*)");

    @Metadata
    private CleverTapConfiguration configuration = new CleverTapConfiguration();
    @Metadata(label = "advanced", autowired = true)
    private UploadPermits uploadPermits;
    @Metadata(label = "security", autowired = true)
    private CleverTapCredentials credentials;
    // JVM-wide unless a test gives the component its own: CleverTap's limit is per account, whatever sends
    private AccountLimiters accountLimiters = AccountLimiters.jvmWide();
    // plain, never reconfigured, so its endpoints share it
    private final ObjectMapper objectMapper = new ObjectMapper();
    // the threads and HTTP clients of all endpoints; null while stopped
    private SharedResources sharedResources;
    // every producer with uploads that may still run, also those of endpoints Camel evicted and never stops
    private final Set<CleverTapProducer> producers = ConcurrentHashMap.newKeySet();

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        sharedResources();
        if (uploadPermits != null) {
            CamelContextAware.trySetCamelContext(uploadPermits, getCamelContext());
            ServiceHelper.startService(uploadPermits);
        }
    }

    @Override
    protected void doStop() throws Exception {
        // Camel may stop the component before the endpoints, and never stops an endpoint evicted from its cache:
        // every upload ends here, while the shared pools still run
        for (CleverTapProducer producer : List.copyOf(producers)) {
            producer.stopUploads();
        }
        SharedResources closing;
        synchronized (this) {
            closing = sharedResources;
            sharedResources = null;
        }
        if (closing != null) {
            closing.close();
        }
        ServiceHelper.stopService(uploadPermits);
        super.doStop();
    }

    /** The threads and HTTP clients every endpoint of this component uses, opened on first use. */
    synchronized SharedResources sharedResources() {
        if (sharedResources == null) {
            sharedResources = new SharedResources(this);
        }
        return sharedResources;
    }

    ObjectMapper getObjectMapper() {
        return objectMapper;
    }

    void producerStarted(CleverTapProducer producer) {
        producers.add(producer);
    }

    void producerStopped(CleverTapProducer producer) {
        producers.remove(producer);
    }

    /** The producers whose uploads may still run, those Camel evicted included. */
    int producerCount() {
        return producers.size();
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        CleverTapConfiguration endpointConfiguration = configuration.copy();
        endpointConfiguration.setType(remaining);
        CleverTapEndpoint endpoint = new CleverTapEndpoint(maskPasscode(uri), this, endpointConfiguration);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    static String maskPasscode(String uri) {
        Matcher matcher = PASSCODE_VALUE.matcher(uri);
        return matcher.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + "xxxxxx"));
    }

    /** The in-flight limiters of the accounts, JVM-wide unless a test gave the component its own. */
    public AccountLimiters getAccountLimiters() {
        return accountLimiters;
    }

    void useAccountLimiters(AccountLimiters accountLimiters) {
        this.accountLimiters = accountLimiters;
    }

    public UploadPermits getUploadPermits() {
        return uploadPermits;
    }

    /**
     * Where upload requests get their permits beyond the JVM's own limit, for several JVMs sending for one account
     * (module camel-clevertap-redis: `RedisUploadPermits`). Set when exactly one such bean is in the registry. Each
     * batch first takes a permit of the JVM's `maxConcurrentRequests`, then one of these. Default: none, the limit
     * holds within the JVM. Started and stopped with the component.
     */
    public void setUploadPermits(UploadPermits uploadPermits) {
        this.uploadPermits = uploadPermits;
    }

    public CleverTapCredentials getCredentials() {
        return credentials;
    }

    /**
     * The passcodes of the accounts named by the header `CamelCleverTapAccountId`. One endpoint then uploads for many
     * accounts: `EnvironmentCredentials` (a variable `CLEVERTAP_PASSCODE_` plus the account id per account),
     * `PropertiesFileCredentials` (a properties file keyed by account id) or a bean of your own. Set when exactly one
     * such bean is in the registry. Default: none, the header is refused unless it names the endpoint's account.
     */
    public void setCredentials(CleverTapCredentials credentials) {
        this.credentials = credentials;
    }

    public CleverTapConfiguration getConfiguration() {
        return configuration;
    }

    /**
     * The settings shared by every endpoint of the component; an endpoint's URI options override them.
     */
    public void setConfiguration(CleverTapConfiguration configuration) {
        this.configuration = configuration;
    }
}
