package io.github.camelclevertap.component.record;

import java.util.Map;

/**
 * A record refused before it is sent, with the code CleverTap would have answered.
 */
public class InvalidRecordException extends Exception {

    private final int code;
    private final transient Map<String, Object> record;

    public InvalidRecordException(int code, String message, Map<String, Object> record) {
        super(message);
        this.code = code;
        this.record = record;
    }

    public int getCode() {
        return code;
    }

    public Map<String, Object> getRecord() {
        return record;
    }
}
