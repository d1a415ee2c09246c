package io.github.camelclevertap.examples.quarkus.review;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With credentials and the built-in sample database (no quarkus.datasource.jdbc.url of the deployment's), there is
 * nothing to sync: the SQL flow stays off and says once how to point it at a database, rather than poll an empty
 * in-memory database and log "Table CUSTOMERS not found" every 5 s.
 */
class SqlFlowOffOnTheSampleDatabaseIT {

    @Test
    void theFlowIsOffAndSaysWhy() throws Exception {
        String passcode = "real-passcode-" + UUID.randomUUID();
        try (PackagedApp app = PackagedApp.launch("sql-sample-database-with-credentials",
                Map.of("CLEVERTAP_ACCOUNT_ID", "REAL-ACCOUNT", "CLEVERTAP_PASSCODE", passcode,
                        "CLEVERTAP_REGION", "eu1"),
                List.of("-Dclevertap.base-uri=http://127.0.0.1:9", "-Dflows.file.enabled=false",
                        "-Dflows.webhook.enabled=false"))) {
            assertThat(app.awaitReadyOrExit()).as("the app runs (its output: %s)", app.log).isTrue();
            assertThat(app.output()).contains("SQL flow: off", "QUARKUS_DATASOURCE_JDBC_URL")
                    .doesNotContain("customers-to-clevertap", "orders-to-clevertap", "CUSTOMERS")
                    .doesNotContain(passcode);
        }
    }
}
