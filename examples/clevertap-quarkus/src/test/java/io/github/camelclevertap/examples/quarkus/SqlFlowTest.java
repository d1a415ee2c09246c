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
                Map.of("type", "profile", "identity", "c-3003", "profileData",
                        Map.of("Name", "Mary Jackson", "Email", "mary.jackson@example.com", "City", "Hampton")));
    }

    @Test
    void paidOrdersBecomeChargedEventsOfTheirCustomer() {
        assertThat(EmulatorRecords.awaitWithIdentity("c-3001", records -> records.size() == 2))
                .containsExactlyInAnyOrder(
                        Map.of("type", "profile", "identity", "c-3001", "profileData",
                                Map.of("Name", "Katherine Johnson", "Email", "katherine@example.com", "City", "Hampton")),
                        Map.of("type", "event", "identity", "c-3001", "ts", 1768053600, "evtName", "Charged",
                                "evtData", Map.of("Charged ID", "o-9001", "Amount", 129.99, "Currency", "USD")));
        // o-9003 was cancelled: c-3002 has its profile and the one paid order, nothing else
        assertThat(EmulatorRecords.awaitWithIdentity("c-3002", records -> records.size() == 2))
                .containsExactlyInAnyOrder(
                        Map.of("type", "profile", "identity", "c-3002", "profileData",
                                Map.of("Name", "Dorothy Vaughan", "Email", "dorothy@example.com", "City", "Kansas City")),
                        Map.of("type", "event", "identity", "c-3002", "ts", 1768144500, "evtName", "Charged",
                                "evtData", Map.of("Charged ID", "o-9002", "Amount", 42.5, "Currency", "EUR")));
    }
}
