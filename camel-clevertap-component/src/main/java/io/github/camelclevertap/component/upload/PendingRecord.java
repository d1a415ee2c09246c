package io.github.camelclevertap.component.upload;

import java.util.Map;

/**
 * One record waiting for CleverTap's answer, already written as JSON so that a value Jackson cannot write fails that
 * record alone, not its whole batch.
 *
 * @param record the record
 * @param json   the record as JSON
 * @param index  its 0-based position in its owner's input
 * @param owner  who is told the outcome
 */
public record PendingRecord(Map<String, Object> record, byte[] json, long index, RecordOwner owner) {
}
