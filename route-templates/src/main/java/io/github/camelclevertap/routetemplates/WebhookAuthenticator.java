package io.github.camelclevertap.routetemplates;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Admits a webhook call before anything is forwarded: the body must be at most {@link #setMaxBodySize(long)} bytes
 * (else 413), carry the shared secret or a valid HMAC-SHA256 signature of the raw body in the configured header (else
 * 401), and be a JSON object or array (else 400). A refused call is answered at once, with a JSON reason, and the
 * route stops: no record of it reaches CleverTap.
 * <p>
 * Credentials are compared in constant time ({@link MessageDigest#isEqual}), and the credential header is removed
 * from the message once checked, so it is neither forwarded nor echoed in the response. The secret is never logged.
 */
public class WebhookAuthenticator implements Processor {

    /** The caller sends the secret itself in the header. */
    public static final String SHARED_SECRET = "shared-secret";
    /** The caller sends the hex HMAC-SHA256 of the raw body, keyed with the secret, optionally prefixed `sha256=`. */
    public static final String HMAC_SHA256 = "hmac-sha256";

    private static final ObjectMapper JSON = new ObjectMapper();

    private String authentication = SHARED_SECRET;
    private String header = "X-Webhook-Secret";
    private String secret;
    private long maxBodySize = 1_048_576;

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
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException("the authentication header name must not be empty");
        }
        this.header = header.trim();
    }

    /**
     * The shared secret, or the HMAC key. Required and not empty: a webhook without credentials is refused.
     */
    public void setSecret(String secret) {
        this.secret = secret;
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

    @Override
    public void process(Exchange exchange) throws Exception {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalStateException("the webhook secret is not set: every call would be refused");
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        String credential = exchange.getMessage().getHeader(header, String.class);
        exchange.getMessage().removeHeader(header);
        if (body.length > maxBodySize) {
            refuse(exchange, 413, "the body is larger than " + maxBodySize + " bytes");
            return;
        }
        if (credential == null || !authentic(credential.trim(), body)) {
            refuse(exchange, 401, "missing or wrong credentials in header " + header);
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            json = null;
        }
        if (json == null || !json.isContainerNode()) {
            refuse(exchange, 400, "the body is not a JSON object");
            return;
        }
        exchange.getMessage().setBody(new String(body, StandardCharsets.UTF_8));
    }

    private boolean authentic(String credential, byte[] body) throws GeneralSecurityException {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (authentication.equals(SHARED_SECRET)) {
            // hash both sides so the comparison takes the same time whatever the lengths
            return MessageDigest.isEqual(sha256(key), sha256(credential.getBytes(StandardCharsets.UTF_8)));
        }
        String signature = credential.regionMatches(true, 0, "sha256=", 0, 7) ? credential.substring(7) : credential;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    static void refuse(Exchange exchange, int status, String reason) throws JsonProcessingException {
        WebhookResponder.answer(exchange, status, Map.of("status", "fail", "error", reason));
        exchange.setRouteStop(true);
    }
}
