package io.github.camelclevertap.examples.quarkus;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.quarkus.main.events.BeforeConfigure;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The SQL flow runs only when it is enabled and has a database to read: {@code flows.sql.active}, the precondition of
 * its routes, says whether both hold. The built-in in-memory database holds the sample shop only on the emulator;
 * with CleverTap credentials it is empty, and polling it would log a missing table every few seconds.
 */
@ApplicationScoped
public class SqlFlowSwitch {

    /** quarkus.datasource.jdbc.url in application.properties: the sample database. */
    static final String SAMPLE_DATABASE = "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1";

    private final FlowSettings flows;
    private final CleverTapSettings cleverTap;
    private final String jdbcUrl;
    private volatile boolean active;

    SqlFlowSwitch(FlowSettings flows, CleverTapSettings cleverTap,
                  @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl) {
        this.flows = flows;
        this.cleverTap = cleverTap;
        this.jdbcUrl = jdbcUrl;
    }

    void onConfigure(@Observes BeforeConfigure event) {
        boolean sampleDatabaseOnly = cleverTap.uploadsToCleverTap() && SAMPLE_DATABASE.equals(jdbcUrl.trim());
        active = flows.sql().enabled() && !sampleDatabaseOnly;
        event.getCamelContext().getPropertiesComponent().addOverrideProperty("flows.sql.active", String.valueOf(active));
        if (flows.sql().enabled() && !active) {
            Log.info("SQL flow: off, as with CleverTap credentials the built-in sample database is empty: point it at"
                     + " your database with quarkus.datasource.jdbc.url (QUARKUS_DATASOURCE_JDBC_URL), or switch it off"
                     + " with flows.sql.enabled=false (FLOWS_SQL_ENABLED=false)");
        }
    }

    /** Whether the SQL flow's routes run. */
    boolean isActive() {
        return active;
    }
}
