package io.github.camelclevertap.examples.quarkus;

import java.util.Map;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL flow on the embedded defaults: the sample shop's customers arrive as profiles and its paid orders as
 * Charged events, record for record.
 */
@QuarkusTest
@WithTestResource(EmbeddedDefaults.class)
class SqlFlowTest {

    @Test
    void customersBecomeProfilesWithTheirMappedColumns() {
        assertThat(EmulatorRecords.awaitWithIdentity("c-3003", records -> !records.isEmpty())).containsExactly(
                customer("c-3003", "Mary Jackson", "mary.jackson@example.com", "Hampton"));
    }

    @Test
    void paidOrdersBecomeChargedEventsOfTheirCustomer() {
        assertThat(EmulatorRecords.awaitWithIdentity("c-3001", records -> records.size() == 2))
                .containsExactlyInAnyOrder(customer("c-3001", "Katherine Johnson", "katherine@example.com", "Hampton"),
                        charged("c-3001", "o-9001", 1768053600, 129.99, "USD"));
        // o-9003 was cancelled: c-3002 has its profile and the one paid order, nothing else
        assertThat(EmulatorRecords.awaitWithIdentity("c-3002", records -> records.size() == 2))
                .containsExactlyInAnyOrder(customer("c-3002", "Dorothy Vaughan", "dorothy@example.com", "Kansas City"),
                        charged("c-3002", "o-9002", 1768144500, 42.5, "EUR"));
    }

    /** A row of customers, as the emulator stored it. */
    static Map<String, Object> customer(String id, String name, String email, String city) {
        return Map.of("type", "profile", "identity", id,
                "profileData", Map.of("Name", name, "Email", email, "City", city));
    }

    /** A paid row of orders, as the emulator stored it. */
    static Map<String, Object> charged(String customerId, String orderId, long ts, double amount, String currency) {
        return Map.of("type", "event", "identity", customerId, "ts", (int) ts, "evtName", "Charged",
                "evtData", Map.of("Charged ID", orderId, "Amount", amount, "Currency", currency));
    }
}
