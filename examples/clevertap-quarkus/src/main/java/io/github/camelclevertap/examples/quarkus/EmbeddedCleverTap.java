package io.github.camelclevertap.examples.quarkus;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

import io.github.camelclevertap.component.CleverTapComponent;
import io.github.camelclevertap.emulator.CleverTapEmulator;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.quarkus.main.events.BeforeConfigure;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The embedded default, in the manner of a Quarkus dev service: with no CleverTap credentials configured, starts the
 * CleverTap emulator in-process before Camel creates the routes, and points the {@code clevertap.*} properties the
 * routes use at it. With an account id and a passcode it does nothing, and the routes upload to CleverTap.
 *
 * <p>Either way the passcode is set on the {@code clevertap} component in code, from Quarkus configuration (which
 * does not log values): no route or Camel property carries it, so none of Camel core's DEBUG and TRACE lines, which
 * print property values and endpoint URIs, can show it.
 */
@ApplicationScoped
public class EmbeddedCleverTap {

    static final String DEFAULT_REGION = "eu1";

    private final CleverTapSettings settings;
    private volatile CleverTapEmulator emulator;
    private volatile StoredRecordsLog storedRecordsLog;
    private volatile String passcode;

    EmbeddedCleverTap(CleverTapSettings settings) {
        this.settings = settings;
    }

    void onConfigure(@Observes BeforeConfigure event) {
        boolean hasAccount = settings.accountId().isPresent();
        boolean hasPasscode = settings.passcode().isPresent();
        PropertiesComponent properties = event.getCamelContext().getPropertiesComponent();
        if (hasAccount && hasPasscode) {
            useCleverTap(event, properties);
            return;
        }
        if (hasAccount || hasPasscode) {
            throw new IllegalStateException((hasAccount ? "clevertap.passcode (CLEVERTAP_PASSCODE)"
                    : "clevertap.account-id (CLEVERTAP_ACCOUNT_ID)")
                                            + " is not set (or blank): set both the account id and the passcode to"
                                            + " upload to CleverTap, or neither to use the in-process emulator");
        }
        String passcode = HexFormat.of().formatHex(SecureRandom.getSeed(16));
        emulator = CleverTapEmulator.builder().port(settings.emulator().port())
                .retainRecords(settings.emulator().retainRecords())
                .account(CleverTapEmulator.DEFAULT_ACCOUNT_ID, passcode).build().start();
        // override properties win over every configuration source (Camel's own environment and system-property
        // lookups are off in application.properties), so a CLEVERTAP_BASE_URI cannot send the emulator's uploads away
        properties.addOverrideProperty("clevertap.account-id", CleverTapEmulator.DEFAULT_ACCOUNT_ID);
        properties.addOverrideProperty("clevertap.region", settings.region().orElse(DEFAULT_REGION));
        properties.addOverrideProperty("clevertap.base-uri", emulator.baseUri().toString());
        usePasscode(event, passcode);
        this.passcode = passcode;
        storedRecordsLog = StoredRecordsLog.start(emulator);
        Log.infof("CleverTap: no credentials configured (CLEVERTAP_ACCOUNT_ID, CLEVERTAP_PASSCODE), so the flows upload"
                  + " to the in-process CleverTap emulator at %s", emulator.baseUri());
    }

    /** The routes get the settings trimmed, as overrides, so a blank variable cannot reach them. */
    private void useCleverTap(BeforeConfigure event, PropertiesComponent properties) {
        Optional<String> baseUri = settings.baseUri();
        if (baseUri.isEmpty() && settings.baseUriAsGiven().isPresent()) {
            // an override cannot unset a property: Camel would still find the blank value and refuse it as a URI
            throw new IllegalStateException("clevertap.base-uri (CLEVERTAP_BASE_URI) is blank: unset it to upload to"
                                            + " the region's host, or give the base URI of a proxy");
        }
        if (settings.region().isEmpty() && baseUri.isEmpty()) {
            throw new IllegalStateException("clevertap.region (CLEVERTAP_REGION) is not set: the region of the"
                                            + " CleverTap account, such as eu1, in1, us1, sg1, aps3, mec1 or sk1"
                                            + " (or clevertap.base-uri, CLEVERTAP_BASE_URI, for a proxy)");
        }
        properties.addOverrideProperty("clevertap.account-id", settings.accountId().get());
        // the component needs a region, and ignores it when a base URI is given
        properties.addOverrideProperty("clevertap.region", settings.region().orElse(DEFAULT_REGION));
        baseUri.ifPresent(uri -> properties.addOverrideProperty("clevertap.base-uri", uri));
        Log.infof("CleverTap: uploading to account %s in region %s", settings.accountId().get(),
                baseUri.map(MaskedUri::of).orElse(settings.region().orElse("")));
        usePasscode(event, settings.passcode().get());
    }

    private static void usePasscode(BeforeConfigure event, String passcode) {
        event.getCamelContext().getComponent("clevertap", CleverTapComponent.class).getConfiguration()
                .setPasscode(passcode);
    }

    /** The emulator's passcode, while the app runs on it (for the tests that look for it in the log). */
    Optional<String> emulatorPasscode() {
        return Optional.ofNullable(passcode);
    }

    /** The emulator, while the app runs on it. */
    public Optional<CleverTapEmulator> emulator() {
        return Optional.ofNullable(emulator);
    }

    @PreDestroy
    void close() {
        if (storedRecordsLog != null) {
            storedRecordsLog.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }
}
