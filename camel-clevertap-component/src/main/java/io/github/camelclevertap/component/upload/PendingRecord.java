package io.github.camelclevertap.component.upload;

import java.util.Map;

/**
 * One record waiting for CleverTap's answer. It is written as JSON only when its batch is sent ({@link UploadClient}):
 * coercion has made it plain JSON values, which Jackson always writes, and holding its JSON as well while it waits
 * cost memory for every pending record.
 *
 * @param record the record, as coerced
 * @param index  its 0-based position in its owner's input
 * @param owner  who is told the outcome
 */
public record PendingRecord(Map<String, Object> record, long index, RecordOwner owner) {
}
