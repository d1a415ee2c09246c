package io.github.camelclevertap.benchmarks;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * One sync of {@link SqlSourceBenchmark}: Camel Main runs {@code kamelet:clevertap-sql-source} into
 * {@code kamelet:clevertap-sink} on a fresh sync (its state tables emptied first), until the first sync and a few
 * caught-up polls are done. A poll is a chain of page exchanges of the scheduler, ended by the one whose page was not
 * full (the Kamelet then waits for its delay); its time runs from the first page's exchange being created to the last
 * one's completion, so it covers the page query, the upload and the acknowledgement.
 */
final class SqlSyncRun {

    /** Between two polls once caught up: longer than the pause between pages, short enough to keep runs short. */
    private static final int DELAY_MILLIS = 1000;
    private static final String QUERY = "SELECT user_id, full_name AS \"Name\", email AS \"Email\","
                                        + " plan AS \"Plan\", updated_at FROM crm_users";

    private final DataSource dataSource;
    private final URI baseUri;
    private final SqlSyncMode mode;
    private final long rows;
    private final int caughtUpPolls;

    SqlSyncRun(DataSource dataSource, URI baseUri, SqlSyncMode mode, long rows, int caughtUpPolls) {
        this.dataSource = dataSource;
        this.baseUri = baseUri;
        this.mode = mode;
        this.rows = rows;
        this.caughtUpPolls = caughtUpPolls;
    }

    /**
     * @param firstSyncMillis   the first poll, which reads every row and sends it
     * @param slowestPageMillis its slowest page
     * @param caughtUpMillis    the median of the caught-up polls that follow (nothing to send)
     * @param stateRows         the sync's rows in its state tables
     * @param stateBytes        the state tables' size on disk, with their indexes
     */
    record Result(SqlSyncMode mode, long rows, long firstSyncMillis, long slowestPageMillis, double caughtUpMillis,
                  long stateRows, long stateBytes) {

        static final String HEADER = "| rows | mode | first sync | rows/s | slowest page | caught-up poll | state |\n"
                                     + "|---:|---|---:|---:|---:|---:|---:|";

        String line() {
            return String.format(Locale.ROOT, "| %,d | %s | %.1f s | %,d | %d ms | %.0f ms | %,d row%s, %s |",
                    rows, mode.title(), firstSyncMillis / 1000.0, rows * 1000 / Math.max(1, firstSyncMillis),
                    slowestPageMillis, caughtUpMillis, stateRows, stateRows == 1 ? "" : "s", stateRows > 1
                            ? String.format(Locale.ROOT, "%.1f MB (%d B/row)", stateBytes / 1e6, stateBytes / stateRows)
                            : String.format(Locale.ROOT, "%d kB", stateBytes / 1000));
        }
    }

    Result run() throws Exception {
        String syncId = mode.id().replace('+', '-') + "-" + rows;
        truncateState();
        PollClock clock = new PollClock(1 + caughtUpPolls);
        Main main = new Main();
        main.bind("dataSource", dataSource);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:clevertap-sql-source?syncId=" + syncId + "&query=RAW(" + QUERY + ")"
                     + "&primaryKeyColumn=user_id" + mode.options() + "&delay=" + DELAY_MILLIS)
                        .routeId("sql-benchmark")
                        .to("kamelet:clevertap-sink?type=profile&region=eu1&accountId=" + SqlSourceBenchmark.ACCOUNT
                            + "&passcode=RAW(" + SqlSourceBenchmark.PASSCODE + ")&baseUri=" + baseUri);
            }
        });
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport support) {
                support.getCamelContext().getManagementStrategy().addEventNotifier(clock);
            }
        });
        main.start();
        try {
            if (!clock.done.await(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the sync did not finish in 30 minutes");
            }
        } finally {
            main.stop();
        }
        if (clock.failure != null) {
            throw new IllegalStateException(mode.id() + " at " + rows + " rows: a page failed", clock.failure);
        }
        Poll first = clock.polls.get(0);
        List<Long> caughtUp = clock.polls.subList(1, clock.polls.size()).stream().map(Poll::millis).toList();
        caughtUp = caughtUp.stream().sorted().toList();
        long stateRows = SqlSourceBenchmark.count(dataSource, "SELECT (SELECT COUNT(*) FROM clevertap_sync_hash"
                                                              + " WHERE sync_id = '" + syncId + "') + (SELECT COUNT(*)"
                                                              + " FROM clevertap_sync_cursor WHERE sync_id = '"
                                                              + syncId + "')");
        long stateBytes = SqlSourceBenchmark.count(dataSource, "SELECT pg_total_relation_size('clevertap_sync_hash')"
                                                               + " + pg_total_relation_size('clevertap_sync_cursor')");
        return new Result(mode, rows, first.millis(), first.slowestPage, caughtUp.get(caughtUp.size() / 2),
                stateRows, stateBytes);
    }

    /** Each run starts from empty state tables, so their size is this sync's. */
    private void truncateState() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : List.of("clevertap_sync_cursor", "clevertap_sync_hash", "clevertap_sync_member",
                    "clevertap_sync_rejected")) {
                statement.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    private static final class Poll {
        private final long start;
        private long end;
        private long slowestPage;

        Poll(long start) {
            this.start = start;
        }

        long millis() {
            return (end - start) / 1_000_000;
        }
    }

    /** Times the scheduler's page exchanges, grouped into polls; counts down once the wanted polls are done. */
    private static final class PollClock extends EventNotifierSupport {

        private final int wanted;
        private final List<Poll> polls = new ArrayList<>();
        private final CountDownLatch done = new CountDownLatch(1);
        private Poll current;
        private long pageStart;
        private volatile Throwable failure;

        PollClock(int wanted) {
            this.wanted = wanted;
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.ExchangeCreatedEvent || event instanceof CamelEvent.ExchangeCompletedEvent
                   || event instanceof CamelEvent.ExchangeFailedEvent;
        }

        @Override
        public synchronized void notify(CamelEvent event) {
            Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
            if (exchange.getFromEndpoint() == null || !exchange.getFromEndpoint().getEndpointUri()
                    .startsWith("scheduler")) {
                return;
            }
            long now = System.nanoTime();
            if (event instanceof CamelEvent.ExchangeCreatedEvent) {
                if (current == null) {
                    current = new Poll(now);
                }
                pageStart = now;
                return;
            }
            if (current == null || polls.size() >= wanted) {
                return;
            }
            if (exchange.isFailed()) {
                failure = exchange.getException() != null ? exchange.getException() : new IllegalStateException();
                done.countDown();
                return;
            }
            current.slowestPage = Math.max(current.slowestPage, (now - pageStart) / 1_000_000);
            if (!exchange.getProperty(Exchange.SCHEDULER_POLLED_MESSAGES, false, Boolean.class)) {
                current.end = now;
                polls.add(current);
                current = null;
                if (polls.size() == wanted) {
                    done.countDown();
                }
            }
        }
    }
}
