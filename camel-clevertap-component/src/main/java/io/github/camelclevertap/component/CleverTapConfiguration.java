package io.github.camelclevertap.component;

import java.net.URI;
import java.util.List;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

@UriParams
public class CleverTapConfiguration implements Cloneable {

    /** The most records CleverTap takes in one upload request. */
    public static final int MAX_BATCH_SIZE = 1000;
    /** The most concurrent upload requests CleverTap allows per account. */
    public static final int MAX_CONCURRENT_REQUESTS = 15;
    /** Properties per event in CleverTap's current documentation (older documentation says 256). */
    public static final int DEFAULT_MAX_EVENT_PROPERTIES = 100;
    /** The values of {@link #setNestedEventData(String)}. */
    public static final List<String> NESTED_EVENT_DATA = List.of("reject", "flatten", "stringify");
    /** The environment variable the passcode is read from when no option holds it. */
    public static final String DEFAULT_PASSCODE_ENV_VAR = "CLEVERTAP_PASSCODE";

    @UriPath(enums = "profile,event")
    @Metadata(required = true)
    private String type;
    @UriParam(enums = "eu1,in1,us1,sg1,aps3,mec1,sk1")
    @Metadata(required = true)
    private String region;
    @UriParam(label = "security")
    @Metadata(required = true)
    private String accountId;
    @UriParam(label = "security", secret = true)
    private String passcode;
    @UriParam(label = "security", defaultValue = DEFAULT_PASSCODE_ENV_VAR)
    private String passcodeEnvVar = DEFAULT_PASSCODE_ENV_VAR;
    @UriParam(label = "security")
    private String passcodeFile;
    @UriParam(label = "producer", defaultValue = "1000")
    private int batchSize = MAX_BATCH_SIZE;
    @UriParam(label = "producer", defaultValue = "1000")
    private long batchTimeout = 1000;
    @UriParam(label = "producer", defaultValue = "15")
    private int maxConcurrentRequests = MAX_CONCURRENT_REQUESTS;
    @UriParam(label = "producer")
    private boolean dryRun;
    @UriParam(label = "security")
    private boolean verifyCredentials;
    @UriParam(label = "producer")
    private boolean allowMixedTypes;
    @UriParam(label = "producer", defaultValue = "true")
    private boolean validate = true;
    @UriParam(label = "producer", defaultValue = "100")
    private int maxEventProperties = DEFAULT_MAX_EVENT_PROPERTIES;
    @UriParam(label = "producer", enums = "reject,flatten,stringify", defaultValue = "reject")
    private String nestedEventData = "reject";
    @UriParam(label = "producer", defaultValue = "5")
    private int maxRetries = 5;
    @UriParam(label = "producer", defaultValue = "500")
    private long retryDelay = 500;
    @UriParam(label = "producer", defaultValue = "30000")
    private long maxRetryDelay = 30000;
    @UriParam(label = "advanced")
    private String baseUri;
    @UriParam(label = "advanced", defaultValue = "10000")
    private long connectTimeout = 10000;
    @UriParam(label = "advanced", defaultValue = "30000")
    private long requestTimeout = 30000;
    @UriParam(label = "advanced", defaultValue = "30000")
    private long shutdownTimeout = 30000;

    public String getType() {
        return type;
    }

    /**
     * The kind of record the endpoint uploads: `profile` or `event`. Records without a `type` get this one.
     */
    public void setType(String type) {
        this.type = type;
    }

    public String getRegion() {
        return region;
    }

    /**
     * The CleverTap region the account lives in; it picks the host `https://{region}.api.clevertap.com`. A wrong
     * region is answered like wrong credentials (HTTP 401).
     */
    public void setRegion(String region) {
        this.region = region;
    }

    public String getAccountId() {
        return accountId;
    }

    /**
     * The CleverTap account id (also called project id), sent as `X-CleverTap-Account-Id`.
     */
    public void setAccountId(String accountId) {
        // a header value has no surrounding blanks: one account, one limiter, whatever a properties file kept
        this.accountId = accountId == null ? null : accountId.strip();
    }

    public String getPasscode() {
        return passcode;
    }

    /**
     * The account passcode (not the SDK account token), sent as `X-CleverTap-Passcode`. Leave it unset and let the
     * component read it from the environment variable named by `passcodeEnvVar` (or the file of `passcodeFile`), or
     * set it on the component in code: a passcode written into properties or endpoint URIs is printed by Camel core's
     * own DEBUG and TRACE log lines.
     */
    public void setPasscode(String passcode) {
        this.passcode = passcode;
    }

    public String getPasscodeEnvVar() {
        return passcodeEnvVar;
    }

    /**
     * The name of the environment variable holding the passcode, read when the endpoint starts if neither the
     * endpoint nor the component has a `passcode` and no `passcodeFile` is set. Only the name travels through Camel's
     * properties and URIs, never the passcode.
     */
    public void setPasscodeEnvVar(String passcodeEnvVar) {
        this.passcodeEnvVar = passcodeEnvVar;
    }

    public String getPasscodeFile() {
        return passcodeFile;
    }

    /**
     * A file holding the passcode (surrounding white space is ignored), such as a container secret mounted as a
     * file; read when the endpoint starts if neither the endpoint nor the component has a `passcode`. It takes
     * precedence over `passcodeEnvVar`.
     */
    public void setPasscodeFile(String passcodeFile) {
        this.passcodeFile = passcodeFile;
    }

    public int getBatchSize() {
        return batchSize;
    }

    /**
     * The most records sent in one upload request (1 to 1000). A batch is sent as soon as it is full.
     */
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public long getBatchTimeout() {
        return batchTimeout;
    }

    /**
     * How long, in milliseconds, the first record of a batch waits for more records before the batch is sent.
     */
    public void setBatchTimeout(long batchTimeout) {
        this.batchTimeout = batchTimeout;
    }

    public int getMaxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    /**
     * The most upload requests in flight for the account (1 to 15). The limit is shared by every endpoint and route
     * in the JVM that uses the same account id; when they configure different values the lowest one applies.
     */
    public void setMaxConcurrentRequests(int maxConcurrentRequests) {
        this.maxConcurrentRequests = maxConcurrentRequests;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    /**
     * Sends `?dryRun=1`, so CleverTap validates the records without storing them.
     */
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public boolean isVerifyCredentials() {
        return verifyCredentials;
    }

    /**
     * Checks the account id, the passcode and the region when the endpoint starts, with one upload request that
     * carries no records and `?dryRun=1`, so nothing can be stored. CleverTap's HTTP 401 then fails the start with a
     * message naming the region used and the other regions (a wrong region is answered like a wrong passcode); any
     * other failure to check (CleverTap unreachable, HTTP 5xx) is logged as a warning and the endpoint starts, since
     * uploads retry later anyway.
     */
    public void setVerifyCredentials(boolean verifyCredentials) {
        this.verifyCredentials = verifyCredentials;
    }

    public boolean isAllowMixedTypes() {
        return allowMixedTypes;
    }

    /**
     * Whether records whose own `type` differs from the endpoint's type are sent. When false (the default) such a
     * record is rejected locally with code 524 and never sent.
     */
    public void setAllowMixedTypes(boolean allowMixedTypes) {
        this.allowMixedTypes = allowMixedTypes;
    }

    public boolean isValidate() {
        return validate;
    }

    /**
     * Whether records are checked against CleverTap's rules before they are sent. A record that breaks a rule is
     * never sent: it is rejected locally with the code CleverTap would answer (509, 512, 513, 514 to 520, 522, 523,
     * 524, 525) and CleverTap's words followed by the field at fault, for example
     * `Profile data is incorrect. Email is not valid. (field profileData.Email)`. The other records are sent as usual.
     * When false, records go to CleverTap unchecked and CleverTap's own answer decides.
     */
    public void setValidate(boolean validate) {
        this.validate = validate;
    }

    public int getMaxEventProperties() {
        return maxEventProperties;
    }

    /**
     * The most properties an event's `evtData` may have before it is rejected locally with code 522. CleverTap's
     * current documentation says 100, older documentation 256; raise it only if CleverTap allows more for the account.
     */
    public void setMaxEventProperties(int maxEventProperties) {
        this.maxEventProperties = maxEventProperties;
    }

    public String getNestedEventData() {
        return nestedEventData;
    }

    /**
     * What happens to an object (or list) nested in an event's `evtData`, which CleverTap refuses with code 512:
     * `reject` leaves it, so validation rejects the record with 512; `flatten` turns nested objects into top-level
     * properties named `parent_child` (recursively; lists are left as they are); `stringify` replaces each nested
     * object or list by its JSON text. The `Items` list of a `Charged` event is never changed.
     */
    public void setNestedEventData(String nestedEventData) {
        this.nestedEventData = nestedEventData;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    /**
     * How many times a request is retried after a transient failure (HTTP 429, 5xx, a timeout or a connection
     * failure) before its records are handed back as undelivered. Rejected records and HTTP 400 and 401 are never
     * retried.
     */
    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getRetryDelay() {
        return retryDelay;
    }

    /**
     * The delay in milliseconds before the first retry; it doubles with every further attempt, with random jitter.
     */
    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    public long getMaxRetryDelay() {
        return maxRetryDelay;
    }

    /**
     * The longest delay in milliseconds between two attempts of one request.
     */
    public void setMaxRetryDelay(long maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    public String getBaseUri() {
        return baseUri;
    }

    /**
     * Sends to this base URI instead of `https://{region}.api.clevertap.com`, for a proxy or a test server such as
     * the CleverTap emulator. Only this option can point the component at another host.
     */
    public void setBaseUri(String baseUri) {
        this.baseUri = baseUri;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    /**
     * How long in milliseconds to wait for a connection to CleverTap.
     */
    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    /**
     * How long in milliseconds to wait for CleverTap's answer to one request. A request that times out is retried,
     * so CleverTap may store its records twice.
     */
    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public long getShutdownTimeout() {
        return shutdownTimeout;
    }

    /**
     * How long in milliseconds stopping the producer waits for batched records to be sent and answered.
     */
    public void setShutdownTimeout(long shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    /**
     * Checks every option and fails with a message that names the option and the allowed values.
     */
    public void validate() {
        if (!"profile".equals(type) && !"event".equals(type)) {
            throw new IllegalArgumentException("Path type must be one of profile, event but was '" + type + "'");
        }
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("Option region is required; one of " + CleverTapRegion.ids());
        }
        CleverTapRegion.of(region);
        requireText("accountId", accountId);
        requireRange("batchSize", batchSize, 1, MAX_BATCH_SIZE);
        requireRange("maxConcurrentRequests", maxConcurrentRequests, 1, MAX_CONCURRENT_REQUESTS);
        requireRange("maxRetries", maxRetries, 0, Integer.MAX_VALUE);
        requireRange("maxEventProperties", maxEventProperties, 1, Integer.MAX_VALUE);
        if (!NESTED_EVENT_DATA.contains(nestedEventData)) {
            throw new IllegalArgumentException("Option nestedEventData must be one of "
                                               + String.join(", ", NESTED_EVENT_DATA) + " but was '" + nestedEventData
                                               + "'");
        }
        requirePositive("batchTimeout", batchTimeout);
        requirePositive("retryDelay", retryDelay);
        requirePositive("maxRetryDelay", maxRetryDelay);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestTimeout", requestTimeout);
        requirePositive("shutdownTimeout", shutdownTimeout);
        if (baseUri != null) {
            URI uri = URI.create(baseUri);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "Option baseUri must be an absolute http or https URI but was '" + baseUri + "'");
            }
        }
    }

    /**
     * The URI uploads go to: the region's host unless {@link #getBaseUri()} says otherwise.
     */
    public URI uploadUri() {
        return uploadUri(dryRun);
    }

    /**
     * The URI uploads go to, with or without `?dryRun=1`.
     */
    public URI uploadUri(boolean dryRun) {
        String base = baseUri != null ? baseUri : CleverTapRegion.of(region).baseUri();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/1/upload" + (dryRun ? "?dryRun=1" : ""));
    }

    public CleverTapConfiguration copy() {
        try {
            return (CleverTapConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    private static void requireText(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Option " + option + " is required");
        }
    }

    private static void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            String range = max >= Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
            throw new IllegalArgumentException("Option " + option + " must be " + range + " but was " + value);
        }
    }

    private static void requirePositive(String option, long value) {
        requireRange(option, value, 1, Long.MAX_VALUE);
    }
}
