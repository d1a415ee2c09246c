package io.github.camelclevertap.component.record;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.component.CleverTapConfiguration;
import io.github.camelclevertap.records.RecordValidator;
import io.github.camelclevertap.records.Rejection;

/**
 * What happens to a record between {@link RecordFactory} and the batch: {@link RecordCoercion} turns its Java values
 * into CleverTap's forms, then, unless validation is off, {@link RecordValidator} checks it against CleverTap's rules.
 * A record that breaks a rule is refused with the code CleverTap would answer and is never sent.
 */
public final class RecordPreparation {

    private final RecordCoercion coercion;
    private final RecordValidator validator;

    /**
     * @param coercion  the coercion of Java values
     * @param validator CleverTap's rules, or {@code null} to send records unchecked
     */
    public RecordPreparation(RecordCoercion coercion, RecordValidator validator) {
        this.coercion = coercion;
        this.validator = validator;
    }

    /**
     * The preparation an endpoint's options ask for: {@code nestedEventData}, {@code validate} and
     * {@code maxEventProperties}.
     */
    public static RecordPreparation forConfiguration(ObjectMapper mapper, CleverTapConfiguration configuration) {
        return new RecordPreparation(
                new RecordCoercion(mapper, RecordCoercion.NestedEventData.of(configuration.getNestedEventData())),
                configuration.isValidate() ? new RecordValidator(configuration.getMaxEventProperties()) : null);
    }

    /**
     * The record as it is to be sent.
     *
     * @throws InvalidRecordException when coercion fails or the record breaks one of CleverTap's rules; its record is
     *                                the coerced one, as it would have been sent
     */
    public Map<String, Object> prepare(Map<String, Object> record) throws InvalidRecordException {
        Map<String, Object> coerced = coercion.coerce(record);
        if (validator != null) {
            Optional<Rejection> rejection = validator.validate(coerced);
            if (rejection.isPresent()) {
                throw new InvalidRecordException(rejection.get(), coerced);
            }
        }
        return coerced;
    }
}
