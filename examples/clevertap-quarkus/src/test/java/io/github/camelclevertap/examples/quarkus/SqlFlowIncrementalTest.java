package io.github.camelclevertap.examples.quarkus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL flow is incremental: a row inserted or changed in the database is sent once, and the rows synced before are
 * not sent again; an order that becomes paid late is sent too. JVM only: it writes to the app's in-memory database.
 */
@QuarkusTest
@WithTestResource(EmbeddedDefaults.class)
class SqlFlowIncrementalTest {

    private static final String CUSTOMER = "c-3101";
    private static final OffsetDateTime SIGNED_UP = OffsetDateTime.of(2026, 2, 1, 8, 0, 0, 0, ZoneOffset.UTC);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void newAndChangedRowsAreSentOnceAndTheOthersNotAgain() throws SQLException {
        // the sample shop synced first, so what follows is the poll after it
        EmulatorRecords.awaitWithIdentity("c-3001", records -> records.size() == 2);

        update("INSERT INTO customers VALUES (?, 'Ada Lovelace', 'ada@example.com', 'London', ?)", CUSTOMER, SIGNED_UP);
        Map<String, Object> inLondon = SqlFlowTest.customer(CUSTOMER, "Ada Lovelace", "ada@example.com", "London");
        assertThat(EmulatorRecords.awaitWithIdentity(CUSTOMER, records -> !records.isEmpty())).containsExactly(inLondon);

        // a later updated_at moves the row past the cursor: sent once more, as it is now
        update("UPDATE customers SET city = 'Paris', updated_at = ? WHERE customer_id = ?", SIGNED_UP.plusDays(1),
                CUSTOMER);
        // orders are synced by change detection: a paid order arrives once, whatever its id
        update("INSERT INTO orders VALUES ('o-9101', ?, 99.00, 'GBP', 'pending', ?)", CUSTOMER, SIGNED_UP.plusHours(1));
        update("INSERT INTO orders VALUES ('o-9102', ?, 15.00, 'GBP', 'paid', ?)", CUSTOMER, SIGNED_UP.plusHours(2));
        Map<String, Object> inParis = SqlFlowTest.customer(CUSTOMER, "Ada Lovelace", "ada@example.com", "Paris");
        Map<String, Object> charged = SqlFlowTest.charged(CUSTOMER, "o-9102", SIGNED_UP.plusHours(2).toEpochSecond(),
                15.0, "GBP");
        assertThat(EmulatorRecords.awaitWithIdentity(CUSTOMER,
                records -> records.contains(inParis) && records.contains(charged)))
                .containsExactlyInAnyOrder(inLondon, inParis, charged);

        // the pending order becomes paid after a later order synced: it arrives too, once
        update("UPDATE orders SET status = 'paid' WHERE order_id = ?", "o-9101");
        Map<String, Object> paidLater = SqlFlowTest.charged(CUSTOMER, "o-9101",
                SIGNED_UP.plusHours(1).toEpochSecond(), 99.0, "GBP");
        assertThat(EmulatorRecords.awaitWithIdentity(CUSTOMER, records -> records.contains(paidLater)))
                .containsExactlyInAnyOrder(inLondon, inParis, charged, paidLater);
        // polled again since, and not sent again
        assertThat(EmulatorRecords.withIdentity("c-3001")).hasSize(2);
        assertThat(EmulatorRecords.withIdentity("c-3002")).hasSize(2);
    }

    private void update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            assertThat(statement.executeUpdate()).isOne();
        }
    }
}
