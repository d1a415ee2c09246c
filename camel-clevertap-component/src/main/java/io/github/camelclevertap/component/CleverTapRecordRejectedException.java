package io.github.camelclevertap.component;

import java.util.Map;

/**
 * Thrown on a single-record exchange whose record CleverTap (or the local checks) rejected. Never retried: the record
 * has to change before CleverTap takes it.
 */
public class CleverTapRecordRejectedException extends CleverTapException {

    private final transient RejectedRecord rejected;

    public CleverTapRecordRejectedException(RejectedRecord rejected) {
        super("CleverTap rejected the record with code " + rejected.code() + ": " + rejected.error());
        this.rejected = rejected;
    }

    public int getCode() {
        return rejected.code();
    }

    public String getError() {
        return rejected.error();
    }

    public Map<String, Object> getRecord() {
        return rejected.record();
    }

    public RejectedRecord getRejectedRecord() {
        return rejected;
    }
}
