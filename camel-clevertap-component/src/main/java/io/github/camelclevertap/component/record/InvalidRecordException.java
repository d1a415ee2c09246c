package io.github.camelclevertap.component.record;

import java.util.Map;

import io.github.camelclevertap.records.Rejection;

/**
 * A record refused before it is sent, with the code CleverTap would have answered. Its message is the local text:
 * the reason followed by the field at fault, `<reason> (field <path>)` (see {@link Rejection#describe()}).
 */
public class InvalidRecordException extends Exception {

    private final int code;
    private final String field;
    private final transient Map<String, Object> record;

    /**
     * @param code   the code CleverTap answers for such a record
     * @param reason what is wrong, in CleverTap's words where they are known
     * @param field  the path of the field at fault, `record` for the record as a whole
     * @param record the record as it would have been sent
     */
    public InvalidRecordException(int code, String reason, String field, Map<String, Object> record) {
        super(Rejection.describe(reason, field));
        this.code = code;
        this.field = field;
        this.record = record;
    }

    public InvalidRecordException(Rejection rejection, Map<String, Object> record) {
        this(rejection.code(), rejection.message(), rejection.field(), record);
    }

    public int getCode() {
        return code;
    }

    /**
     * The path of the field at fault, for example `profileData.Email`.
     */
    public String getField() {
        return field;
    }

    public Map<String, Object> getRecord() {
        return record;
    }
}
