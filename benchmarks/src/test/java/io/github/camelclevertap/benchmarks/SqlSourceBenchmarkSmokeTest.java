package io.github.camelclevertap.benchmarks;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the SQL source benchmark works, in seconds: each mode once on a 300-row table, on the embedded PostgreSQL
 * and the forked emulator as in a real run (the run itself checks that CleverTap stored every row). It measures nothing
 * worth reading.
 */
class SqlSourceBenchmarkSmokeTest {

    @Test
    void eachModeSyncsEveryRowAndReportsItsState() throws Exception {
        List<SqlSyncRun.Result> results = SqlSourceBenchmark.run(List.of(300L), List.of(SqlSyncMode.values()), 1, 0,
                new PrintStream(OutputStream.nullOutputStream()));

        assertThat(results).extracting(SqlSyncRun.Result::mode).containsExactly(SqlSyncMode.values());
        // a cursor keeps one row; change detection a hash per row as well
        assertThat(results).extracting(SqlSyncRun.Result::stateRows).containsExactly(1L, 1L, 301L, 301L);
        assertThat(results).allSatisfy(result -> assertThat(result.stateBytes()).isPositive());
        assertThat(results.get(0).line()).startsWith("| 300 | cursor on the key | ");
    }
}
