package io.github.camelclevertap.component.record;

import java.util.Iterator;

/**
 * The records of one exchange, read lazily so a large body is never held in memory whole.
 *
 * @param single  whether the body was one record (its failure then fails the exchange)
 * @param records the raw records: maps, JSON nodes or other values to turn into records
 * @param onClose closes the underlying stream, if any
 */
public record RecordInput(boolean single, Iterator<?> records, AutoCloseable onClose) {

    public void close() {
        if (onClose != null) {
            try {
                onClose.close();
            } catch (Exception e) {
                // nothing more can be read anyway
            }
        }
    }
}
