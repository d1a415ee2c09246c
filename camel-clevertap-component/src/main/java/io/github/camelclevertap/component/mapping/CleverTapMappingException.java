package io.github.camelclevertap.component.mapping;

import io.github.camelclevertap.component.CleverTapException;

/**
 * A payload could not be mapped to a CleverTap record: a required value is missing or has the wrong shape. The
 * message names the record field and the expression that gave no usable value.
 */
public class CleverTapMappingException extends CleverTapException {

    private final String field;
    private final String expression;
    private final String language;

    public CleverTapMappingException(String message, String field, String expression, String language) {
        super(message);
        this.field = field;
        this.expression = expression;
        this.language = language;
    }

    public CleverTapMappingException(String message, String field, String expression, String language,
                                     Throwable cause) {
        super(message, cause);
        this.field = field;
        this.expression = expression;
        this.language = language;
    }

    /**
     * The record field that could not be filled: `identity`, `evtName`, `ts`, `evtData.Amount`, ...
     */
    public String getField() {
        return field;
    }

    /**
     * The expression that gave no usable value, or null when the field had none.
     */
    public String getExpression() {
        return expression;
    }

    /**
     * The language of the expression (`jsonpath`, `simple`, `jq`, ...), or `segment` for the Segment preset.
     */
    public String getLanguage() {
        return language;
    }
}
