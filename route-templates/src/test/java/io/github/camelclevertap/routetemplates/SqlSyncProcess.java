package io.github.camelclevertap.routetemplates;

import org.apache.camel.main.Main;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The SQL sync of `routes/sql-crash-sync.yaml` in a JVM of its own, run until it is killed: SqlSourceCrashTest's
 * child. The database URL, the emulator and its account come in environment variables (the passcode stays off the
 * command line).
 */
public final class SqlSyncProcess {

    private SqlSyncProcess() {
    }

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setUrl(System.getenv("SYNC_JDBC_URL"));
        database.setUser("postgres");
        Main main = new Main();
        main.bind("dataSource", database);
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:routes/sql-crash-sync.yaml");
        main.addInitialProperty("clevertap.account-id", System.getenv("SYNC_ACCOUNT"));
        main.addInitialProperty("clevertap.passcode", System.getenv("SYNC_PASSCODE"));
        main.addInitialProperty("clevertap.base-uri", System.getenv("SYNC_BASE_URI"));
        main.run();
    }
}
