package io.github.camelclevertap.component.upload;

/**
 * Why a request's records got no answer from CleverTap.
 *
 * @param httpStatus the HTTP status of the last attempt, or 0 when none came
 * @param message    what went wrong, without credentials
 * @param attempts   how many times the request was sent
 * @param cause      the I/O error, if any
 */
public record DeliveryFailure(int httpStatus, String message, int attempts, Throwable cause) {
}
