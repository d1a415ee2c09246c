package io.github.camelclevertap.routetemplates;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/**
 * The rows of one file format, read one at a time. A line that holds no readable row is reported to the
 * {@link Unreadable} given at construction and skipped, so the good rows after it are still read.
 */
interface RowReader extends Closeable {

    /** Where the lines that are not rows go: the line number and why. */
    @FunctionalInterface
    interface Unreadable {
        void line(long line, String reason);
    }

    /** The next row, or null at the end of the file. */
    Map<String, Object> next() throws IOException;

    /** The 1-based line the row last returned by {@link #next()} starts on. */
    long line();
}
