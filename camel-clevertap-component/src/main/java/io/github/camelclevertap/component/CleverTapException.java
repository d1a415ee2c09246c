package io.github.camelclevertap.component;

/**
 * Base of the exceptions the CleverTap producer sets on an exchange. Messages never hold the passcode.
 */
public class CleverTapException extends RuntimeException {

    public CleverTapException(String message) {
        super(message);
    }

    public CleverTapException(String message, Throwable cause) {
        super(message, cause);
    }
}
