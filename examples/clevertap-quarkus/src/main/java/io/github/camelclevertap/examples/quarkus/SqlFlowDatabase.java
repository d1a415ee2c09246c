package io.github.camelclevertap.examples.quarkus;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Unremovable;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import org.apache.camel.quarkus.main.events.BeforeStart;
import org.h2.tools.RunScript;

/**
 * The database of the SQL flow: Quarkus' datasource (an in-memory H2 database unless {@code quarkus.datasource.*} says
 * otherwise), named for Camel and, on the embedded defaults, seeded with the sample shop before the routes start.
 */
@ApplicationScoped
public class SqlFlowDatabase {

    /** The customers and orders the SQL flow syncs; H2's SQL. */
    static final String SAMPLE_SHOP = "db/sample-shop.sql";

    private final FlowSettings flows;
    private final EmbeddedCleverTap cleverTap;
    private final AgroalDataSource dataSource;

    SqlFlowDatabase(FlowSettings flows, EmbeddedCleverTap cleverTap, AgroalDataSource dataSource) {
        this.flows = flows;
        this.cleverTap = cleverTap;
        this.dataSource = dataSource;
    }

    /**
     * The datasource under the name the {@code clevertap-sql-source} Kamelet looks up ({@code #bean:dataSource}).
     * An identifier rather than {@code @Named}, which would make it a second default {@code DataSource}; kept
     * although nothing injects it, as Camel looks it up at run time.
     */
    @Produces
    @Identifier("dataSource")
    @Unremovable
    DataSource namedForCamel() {
        return dataSource;
    }

    /**
     * Runs the script statement by statement over a connection: H2's {@code RUNSCRIPT FROM 'classpath:...'} would read
     * it from the database's class path, which is not the app's once the database is a server.
     */
    void seed(@Observes BeforeStart event) throws SQLException, IOException {
        if (!flows.sql().enabled() || !flows.sql().samples() || cleverTap.emulator().isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             Reader script = new InputStreamReader(SqlFlowDatabase.class.getResourceAsStream("/" + SAMPLE_SHOP),
                     StandardCharsets.UTF_8)) {
            RunScript.execute(connection, script);
        }
        Log.infof("SQL flow: created the sample shop (%s) in the database", SAMPLE_SHOP);
    }
}
