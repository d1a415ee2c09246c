package io.github.camelclevertap.routetemplates;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;

/**
 * The SQL source's behaviour on H2 (in memory), whose SQL differs from PostgreSQL's: upper-case column labels, other
 * types for dates and times.
 */
class SqlSourceH2Test extends SqlSourceTest {

    @BeforeAll
    static void start() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:SqlSourceH2Test;DB_CLOSE_DELAY=-1");
        dataSource = h2;
    }
}
