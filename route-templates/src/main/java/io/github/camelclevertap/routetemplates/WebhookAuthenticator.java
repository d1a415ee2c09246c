package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Admits a webhook call before anything is forwarded, checking in this order and answering the first failure at once
 * with a JSON reason (the route then stops: no record of the call reaches CleverTap):
 * <ol>
 * <li>size: a declared `Content-Length` or a body above {@link #setMaxBodySize(long)} bytes is answered 413 (a
 * streamed body is read no further than the limit);</li>
 * <li>credentials: the shared secret, or a valid HMAC-SHA256 signature, in the configured header, else 401; with
 * {@link #setTimestampTolerance(long) replay protection} the signature covers `<timestamp>.<body>` and a timestamp
 * outside the tolerance window is answered 401 with the reason;</li>
 * <li>the payload ({@link WebhookPayload}): a JSON Content-Type in UTF-8 (else 415), valid UTF-8 holding a JSON
 * object or array no deeper than {@link #setMaxNestingDepth(int)} (else 400).</li>
 * </ol>
 * Credentials are compared in constant time ({@link MessageDigest#isEqual}), and the credential and timestamp headers
 * are removed from the message once checked, so they are neither forwarded nor echoed in the response. The secret is
 * never logged. Without {@link #setSecret(String) a secret} it is read from the environment variable named by
 * {@link #setSecretEnvVar(String)}, so that only a name passes through Camel's properties, which Camel core prints at
 * DEBUG and TRACE.
 */
public class WebhookAuthenticator implements Processor {

    /** The caller sends the secret itself in the header. */
    public static final String SHARED_SECRET = "shared-secret";
    /** The caller sends the hex HMAC-SHA256 of the raw body, keyed with the secret, optionally prefixed `sha256=`. */
    public static final String HMAC_SHA256 = "hmac-sha256";
    /** The environment variable the secret is read from when none is set. */
    public static final String DEFAULT_SECRET_ENV_VAR = "CLEVERTAP_WEBHOOK_SECRET";

    private String authentication = SHARED_SECRET;
    private String header = "X-Webhook-Secret";
    private String secret;
    private String secretEnvVar = DEFAULT_SECRET_ENV_VAR;
    /** {@link #secret}, or the environment variable's value once read. */
    private volatile String resolvedSecret;
    private long maxBodySize = 1_048_576;
    private String timestampHeader = "X-Webhook-Timestamp";
    private long timestampTolerance;
    private WebhookPayload payload = new WebhookPayload(64);

    /**
     * How the caller proves it knows the secret: `shared-secret` or `hmac-sha256`.
     */
    public void setAuthentication(String authentication) {
        String value = authentication == null ? "" : authentication.trim().toLowerCase(Locale.ROOT);
        if (!value.equals(SHARED_SECRET) && !value.equals(HMAC_SHA256)) {
            throw new IllegalArgumentException(
                    "authentication must be " + SHARED_SECRET + " or " + HMAC_SHA256 + ", not '" + authentication + "'");
        }
        this.authentication = value;
    }

    /**
     * The request header holding the secret or the signature.
     */
    public void setHeader(String header) {
        this.header = headerName(header, "the authentication header");
    }

    /**
     * The shared secret, or the HMAC key. When empty, the environment variable named by
     * {@link #setSecretEnvVar(String)} must hold it: a webhook without credentials is refused.
     */
    public void setSecret(String secret) {
        this.secret = secret;
        this.resolvedSecret = null;
    }

    /**
     * The environment variable holding the secret when {@link #setSecret(String)} is empty (default
     * `CLEVERTAP_WEBHOOK_SECRET`).
     */
    public void setSecretEnvVar(String secretEnvVar) {
        this.secretEnvVar = secretEnvVar;
        this.resolvedSecret = null;
    }

    /**
     * Checks the settings once they are all set (the Kamelet calls it when it creates the bean), so a missing secret
     * fails the route's start rather than every call.
     */
    public void start() {
        resolvedSecret();
        checkReplayProtection();
    }

    private String resolvedSecret() {
        String resolved = resolvedSecret;
        if (resolved == null) {
            resolved = secret != null && !secret.isEmpty() ? secret : fromEnvironment();
            resolvedSecret = resolved;
        }
        return resolved;
    }

    private String fromEnvironment() {
        if (secretEnvVar == null || secretEnvVar.isBlank()) {
            throw new IllegalStateException("the webhook secret is not set (secret and secretEnvVar are empty): "
                                            + "every call would be refused");
        }
        String value = System.getenv(secretEnvVar.trim());
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("the webhook secret is not set: secret is empty and the environment "
                                            + "variable " + secretEnvVar.trim() + " named by secretEnvVar is "
                                            + (value == null ? "not set" : "empty") + "; every call would be refused");
        }
        return value;
    }

    private void checkReplayProtection() {
        if (timestampTolerance > 0 && !authentication.equals(HMAC_SHA256)) {
            throw new IllegalStateException("replay protection (timestampTolerance) needs authentication "
                                            + HMAC_SHA256 + ": a shared secret does not sign the timestamp");
        }
    }

    /**
     * The largest body accepted, in bytes.
     */
    public void setMaxBodySize(long maxBodySize) {
        if (maxBodySize < 1) {
            throw new IllegalArgumentException("maxBodySize must be at least 1 byte, not " + maxBodySize);
        }
        this.maxBodySize = maxBodySize;
    }

    /**
     * The deepest nesting of objects and arrays accepted in the body.
     */
    public void setMaxNestingDepth(int maxNestingDepth) {
        if (maxNestingDepth < 1) {
            throw new IllegalArgumentException("maxNestingDepth must be at least 1, not " + maxNestingDepth);
        }
        this.payload = new WebhookPayload(maxNestingDepth);
    }

    /**
     * The request header holding the call's time in epoch seconds, when replay protection is on.
     */
    public void setTimestampHeader(String timestampHeader) {
        this.timestampHeader = headerName(timestampHeader, "the timestamp header");
    }

    /**
     * Replay protection: the most seconds a call's signed timestamp may be away from this server's clock; 0 (the
     * default) turns it off. Needs `hmac-sha256`, which then signs `<timestamp>.<body>`.
     */
    public void setTimestampTolerance(long timestampTolerance) {
        if (timestampTolerance < 0) {
            throw new IllegalArgumentException("timestampTolerance must be 0 (off) or more seconds, not "
                                               + timestampTolerance);
        }
        this.timestampTolerance = timestampTolerance;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        byte[] key = resolvedSecret().getBytes(StandardCharsets.UTF_8);
        checkReplayProtection();
        Message message = exchange.getMessage();
        String credential = message.getHeader(header, String.class);
        String timestamp = message.getHeader(timestampHeader, String.class);
        message.removeHeader(header);
        if (timestampTolerance > 0) {
            message.removeHeader(timestampHeader);
        }
        Long declared = message.getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declared != null && declared > maxBodySize) {
            refuse(exchange, 413, "the body is " + declared + " bytes, more than the limit of " + maxBodySize);
            return;
        }
        byte[] body = body(message);
        if (body.length > maxBodySize) {
            refuse(exchange, 413, "the body is larger than the limit of " + maxBodySize + " bytes");
            return;
        }
        String refused = credentialProblem(key, credential == null ? null : credential.trim(),
                timestamp == null ? null : timestamp.trim(), body);
        if (refused != null) {
            refuse(exchange, 401, refused);
            return;
        }
        WebhookPayload.Refusal wrongType = WebhookPayload.checkContentType(message.getHeader(Exchange.CONTENT_TYPE,
                String.class));
        if (wrongType != null) {
            refuse(exchange, wrongType.status(), wrongType.reason());
            return;
        }
        try {
            message.setBody(payload.read(body));
        } catch (WebhookPayload.PayloadException e) {
            refuse(exchange, e.refusal().status(), e.refusal().reason());
        }
    }

    private byte[] body(Message message) throws IOException {
        Object body = message.getBody();
        if (body instanceof InputStream stream) {
            // a streamed body: one byte past the limit is enough to refuse it
            try (stream) {
                return stream.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodySize + 1));
            }
        }
        byte[] bytes = message.getBody(byte[].class);
        return bytes == null ? new byte[0] : bytes;
    }

    /** Why the credentials are refused, or null when they are right. */
    private String credentialProblem(byte[] key, String credential, String timestamp, byte[] body)
            throws GeneralSecurityException {
        String wrong = "missing or wrong credentials in header " + header;
        if (credential == null) {
            return wrong;
        }
        if (authentication.equals(SHARED_SECRET)) {
            // hash both sides so the comparison takes the same time whatever the lengths
            return MessageDigest.isEqual(sha256(key), sha256(credential.getBytes(StandardCharsets.UTF_8)))
                    ? null : wrong;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        if (timestampTolerance > 0) {
            if (timestamp == null || timestamp.isEmpty()) {
                return "missing timestamp header " + timestampHeader + " (replay protection is on)";
            }
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        }
        String signature = credential.regionMatches(true, 0, "sha256=", 0, 7) ? credential.substring(7) : credential;
        byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return wrong;
        }
        // the signature is right: only now say what is wrong with the time, so a forger learns nothing
        return timestampTolerance > 0 ? replayProblem(timestamp) : null;
    }

    private String replayProblem(String timestamp) {
        long sent;
        try {
            sent = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "the timestamp in header " + timestampHeader + " is not a number of epoch seconds";
        }
        long skew = Instant.now().getEpochSecond() - sent;
        if (Math.abs(skew) > timestampTolerance) {
            return "the timestamp in header " + timestampHeader + " is " + Math.abs(skew) + " seconds "
                   + (skew > 0 ? "old" : "in the future") + ", outside the tolerance of " + timestampTolerance
                   + " seconds: a replayed or delayed call";
        }
        return null;
    }

    private static String headerName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " name must not be empty");
        }
        return name.trim();
    }

    private static byte[] sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    static void refuse(Exchange exchange, int status, String reason) throws JsonProcessingException {
        WebhookResponder.answer(exchange, status, Map.of("status", "fail", "error", reason));
        exchange.setRouteStop(true);
    }
}
