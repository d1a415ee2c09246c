package io.github.camelclevertap.component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The component's threads and HTTP client are shared by its endpoints: sending for 200 accounts, an endpoint each,
 * uses as many timer and selector threads as one account, and the pools stay within their own bounds. A stopped
 * component ends its threads.
 */
class SharedResourcesTest extends ManyAccountsTestSupport {

    private static final String PASSCODE = "pc-shared-SECRET";
    private static final int ACCOUNTS = 200;
    /** Camel's default thread pool profile: the completion pool never grows past it. */
    private static final int DEFAULT_POOL_MAX = 20;

    private static final List<String> ACCOUNT_IDS = numberedAccounts("ACC-Shared-", ACCOUNTS);
    // the threads alive before the test: HTTP clients of earlier tests may linger until collected (Java 17)
    private Set<Thread> before = Set.of();

    @BeforeAll
    static void startEmulator() {
        startEmulator(PASSCODE, ACCOUNT_IDS);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return uploadRoute(route -> route
                .toD(clevertap("${header.account}", PASSCODE, "&batchTimeout=10")));
    }

    @Test
    void threadsDoNotGrowWithTheEndpoints() {
        before = Set.copyOf(Thread.getAllStackTraces().keySet());
        send(0);
        Map<String, Long> afterOne = componentThreads();
        for (int i = 1; i < ACCOUNTS; i++) {
            send(i);
        }
        Map<String, Long> afterAll = componentThreads();

        assertThat(context.getEndpoints().stream().filter(CleverTapEndpoint.class::isInstance)).hasSize(ACCOUNTS);
        assertThat(emulator.storedRecordCount()).isEqualTo(ACCOUNTS);
        assertThat(afterOne).containsEntry("CleverTapScheduler", 1L).containsEntry("SelectorManager", 1L);
        assertThat(afterAll).containsEntry("CleverTapScheduler", 1L).containsEntry("SelectorManager", 1L);
        assertThat(afterAll.getOrDefault("CleverTapCompletion", 0L)).isBetween(1L, (long) DEFAULT_POOL_MAX);
        // one request at a time: the HTTP client's cached pool reuses its idle threads
        assertThat(afterAll.getOrDefault("CleverTapHttpClient", 0L)).isBetween(1L, (long) DEFAULT_POOL_MAX);
    }

    @Test
    void aStoppedComponentEndsItsThreads() {
        before = Set.copyOf(Thread.getAllStackTraces().keySet());
        send(0);
        assertThat(componentThreads()).containsKey("CleverTapScheduler");

        context.stop();

        await("the component's pools end").atMost(Duration.ofSeconds(10)).until(() -> componentThreads().keySet()
                .stream().noneMatch(kind -> kind.startsWith("CleverTap")));
        if (Runtime.version().feature() >= 21) {
            // HttpClient.shutdownNow() exists from Java 21; before, the selector ends when the client is collected
            await("the HTTP client's selector ends").atMost(Duration.ofSeconds(10))
                    .until(() -> !componentThreads().containsKey("SelectorManager"));
        }
    }

    private void send(int i) {
        Exchange sent = template.request("direct:upload", exchange -> {
            exchange.getMessage().setHeader("account", ACCOUNT_IDS.get(i));
            exchange.getMessage().setBody(profile("u" + i, Map.of("Name", "U" + i)));
        });
        assertThat(sent.getException()).isNull();
    }

    /** The live threads of the component and its HTTP client started by this test, by kind. */
    private Map<String, Long> componentThreads() {
        List<String> kinds = List.of("CleverTapScheduler", "CleverTapCompletion", "CleverTapHttpClient",
                "SelectorManager");
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !before.contains(t))
                .flatMap(t -> kinds.stream().filter(k -> t.getName().contains(k)))
                .collect(Collectors.groupingBy(k -> k, Collectors.counting()));
    }
}
