package io.github.camelclevertap.component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.camelclevertap.component.credentials.PropertiesFileCredentials;
import io.github.camelclevertap.component.upload.AccountLimiters;
import io.github.camelclevertap.emulator.RecordedRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One endpoint uploads for the account named by the header CamelCleverTapAccountId, with the passcode from a
 * credentials bean: each request carries one account's records and credentials, each account keeps its in-flight
 * limit, an account without a passcode fails its exchange naming the header and where the passcode was looked for,
 * and accounts that went idle hold no registration.
 */
class HeaderAccountTest extends ManyAccountsTestSupport {

    private static final String OWN = "ACC-Header-own";
    private static final List<String> OTHERS = List.of("ACC-Header-b", "ACC-Header-c");
    private static final int MAX_IN_FLIGHT = 2;

    @TempDir
    static Path dir;
    static Path credentialsFile;
    private final AccountLimiters limiters = new AccountLimiters();

    private static String passcodeOf(String account) {
        return "pc-" + account + "-SECRET";
    }

    @BeforeAll
    static void startEmulator() throws Exception {
        startEmulator(Map.of(OWN, passcodeOf(OWN), OTHERS.get(0), passcodeOf(OTHERS.get(0)), OTHERS.get(1),
                passcodeOf(OTHERS.get(1))));
        credentialsFile = dir.resolve("clevertap-passcodes.properties");
        StringBuilder lines = new StringBuilder();
        OTHERS.forEach(account -> lines.append(account).append('=').append(passcodeOf(account)).append('\n'));
        Files.writeString(credentialsFile, lines);
    }

    @AfterEach
    void resetEmulator() {
        emulator.setLatency(Duration.ZERO);
        emulator.reset();
    }

    @Override
    protected void configureComponent(CleverTapComponent component) {
        component.useAccountLimiters(limiters);
        component.setCredentials(new PropertiesFileCredentials(credentialsFile.toString()));
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return uploadRoute(route -> route
                .to(clevertap(OWN, passcodeOf(OWN), "&batchSize=5&batchTimeout=20&maxConcurrentRequests="
                                                    + MAX_IN_FLIGHT)));
    }

    @Test
    void eachRequestCarriesOneAccountsRecordsAndCredentials() throws Exception {
        emulator.setLatency(Duration.ofMillis(20));
        List<String> accounts = new ArrayList<>(OTHERS);
        accounts.add(OWN);
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int e = 0; e < 30; e++) {
            String account = accounts.get(e % accounts.size());
            sent.add(send(account, List.of(record(account, e, 0), record(account, e, 1))));
        }
        for (CompletableFuture<Exchange> future : sent) {
            Exchange exchange = future.get(30, TimeUnit.SECONDS);
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getHeader(CleverTapConstants.PROCESSED)).isEqualTo(2);
        }

        for (String account : accounts) {
            assertThat(emulator.storedRecords(account)).hasSize(20)
                    .allSatisfy(r -> assertThat((String) r.get("identity")).startsWith(account + "/"));
            assertThat(emulator.stats().peakInFlight(account)).isBetween(1, MAX_IN_FLIGHT);
        }
        for (RecordedRequest request : emulator.requests()) {
            // every request was accepted, so its passcode was the account's own
            assertThat(request.status()).isEqualTo(200);
            assertThat(request.body()).contains("\"" + request.accountId() + "/");
            OTHERS.stream().filter(other -> !other.equals(request.accountId()))
                    .forEach(other -> assertThat(request.body()).doesNotContain("\"" + other + "/"));
        }
        // the header's accounts were closed when their last exchange completed: only the endpoint's own stays
        assertThat(limiters.accounts()).isEqualTo(1);
    }

    @Test
    void anAccountWithoutPasscodeFailsItsExchangeNamingTheHeaderAndTheSource() throws Exception {
        Exchange exchange = send("ACC-Header-unknown", List.of(record("ACC-Header-unknown", 0, 0)))
                .get(10, TimeUnit.SECONDS);

        assertThat(exchange.getException()).isInstanceOf(CleverTapException.class)
                .hasMessageContaining("Header CamelCleverTapAccountId names account ACC-Header-unknown")
                .hasMessageContaining("the key ACC-Header-unknown of the properties file " + credentialsFile)
                .hasMessageNotContaining("SECRET");
        assertThat(emulator.stats().requests()).isZero();
        assertThat(limiters.accounts()).isEqualTo(1);
    }

    @Test
    void accountsComeAndGoWhileExchangesComplete() throws Exception {
        // every exchange is the only one of its account for most of its life: lanes open and close all the time
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int e = 0; e < 200; e++) {
            String account = OTHERS.get(e % 2);
            sent.add(send(account, List.of(record(account, e, 0))));
        }
        for (CompletableFuture<Exchange> future : sent) {
            assertThat(future.get(30, TimeUnit.SECONDS).getException()).isNull();
        }
        assertThat(emulator.storedRecords(OTHERS.get(0))).hasSize(100);
        assertThat(emulator.storedRecords(OTHERS.get(1))).hasSize(100);
        assertThat(limiters.accounts()).isEqualTo(1);
    }

    @Test
    void theCredentialsBeanIsFoundByType() throws Exception {
        PropertiesFileCredentials bound = new PropertiesFileCredentials(credentialsFile.toString());
        try (CamelContext other = new DefaultCamelContext()) {
            other.getRegistry().bind("anyName", bound);
            other.start();
            assertThat(other.getComponent("clevertap", CleverTapComponent.class).getCredentials()).isSameAs(bound);
        }
    }

    private CompletableFuture<Exchange> send(String account, List<Map<String, Object>> records) {
        return sendAsync("direct:upload", account, records);
    }

    private static Map<String, Object> record(String account, int exchange, int index) {
        return profile(account + "/" + exchange + "-" + index, Map.of("Name", "N" + index));
    }

}
