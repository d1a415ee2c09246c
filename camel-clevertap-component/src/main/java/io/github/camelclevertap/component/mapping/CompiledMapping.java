package io.github.camelclevertap.component.mapping;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.component.record.Timestamps;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.NoSuchLanguageException;
import org.apache.camel.spi.Language;

/**
 * A mapping whose expressions are compiled: builds one record per exchange. Thread-safe.
 */
final class CompiledMapping {

    private final String label;
    private final String type;
    private final String language;
    private final boolean jsonNodeInput;
    private final MappedExpression identity;
    private final MappedExpression objectId;
    private final String eventName;
    private final MappedExpression eventNameExpression;
    private final MappedExpression timestamp;
    private final Map<String, MappedExpression> properties;
    private final MappedExpression propertiesFrom;
    private final Map<String, String> renames;
    private final String source;
    private final ObjectMapper mapper;

    private CompiledMapping(MappingDefinition definition, CamelContext context, ObjectMapper mapper) {
        this.label = definition.name != null ? "CleverTap mapping '" + definition.name + "'" : "CleverTap mapping";
        this.mapper = mapper;
        this.type = definition.type;
        if (!"profile".equals(type) && !"event".equals(type)) {
            throw new IllegalArgumentException(label + ": type must be profile or event, got "
                                               + (type == null ? "none" : "'" + type + "'"));
        }
        if (definition.identity == null && definition.objectId == null) {
            throw new IllegalArgumentException(label + ": set identity or objectId, the expression giving the user's"
                                               + " identifier");
        }
        boolean event = "event".equals(type);
        if (event && definition.eventName == null) {
            throw new IllegalArgumentException(label + ": an event needs eventName (a name, or an expression such as"
                                               + " $.event)");
        }
        if (!event && definition.eventName != null) {
            throw new IllegalArgumentException(label + ": eventName is set but the type is profile; set type=event");
        }
        this.language = definition.language;
        this.jsonNodeInput = "jq".equals(language);
        Language lang = resolve(context, language);
        this.identity = compile(context, lang, "identity", definition.identity);
        this.objectId = compile(context, lang, "objectId", definition.objectId);
        if (event && isExpression(definition.eventName)) {
            this.eventName = null;
            this.eventNameExpression = compile(context, lang, "evtName", definition.eventName);
        } else {
            this.eventName = definition.eventName;
            this.eventNameExpression = null;
        }
        this.timestamp = compile(context, lang, "ts", definition.timestamp);
        Map<String, MappedExpression> compiled = new LinkedHashMap<>();
        String data = event ? "evtData" : "profileData";
        definition.properties.forEach(
                (name, expression) -> compiled.put(name, compile(context, lang, data + "." + name, expression)));
        this.properties = Collections.unmodifiableMap(compiled);
        this.propertiesFrom = compile(context, lang, data, definition.propertiesFrom);
        this.renames = Map.copyOf(definition.renames);
        this.source = definition.source;
    }

    static CompiledMapping compile(CamelContext context, MappingDefinition definition, ObjectMapper mapper) {
        return new CompiledMapping(definition, context, mapper);
    }

    /**
     * The rule for `eventName`: an expression when it contains `$` or starts with `.`, characters CleverTap forbids
     * in event names.
     */
    static boolean isExpression(String value) {
        return value.indexOf('$') >= 0 || value.startsWith(".");
    }

    /**
     * The payload in the form the language reads best: a Jackson tree for jq, plain maps and lists for the others.
     */
    Object inputFor(Object payload) {
        return jsonNodeInput && payload != null ? mapper.valueToTree(payload) : payload;
    }

    Map<String, Object> apply(Exchange exchange) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", type);
        putIdentifier(record, exchange);
        if (timestamp != null) {
            Object value = timestamp.evaluate(exchange);
            try {
                Long seconds = Timestamps.readAtUtc(value);
                if (seconds != null) {
                    record.put("ts", seconds);
                }
            } catch (IllegalArgumentException e) {
                throw timestamp.failure("gave a value that is not a time: " + e.getMessage());
            }
        }
        boolean event = "event".equals(type);
        if (event) {
            record.put("evtName", eventName(exchange));
        }
        record.put(event ? "evtData" : "profileData", data(exchange));
        if (source != null) {
            record.put("$source", source);
        }
        return record;
    }

    private void putIdentifier(Map<String, Object> record, Exchange exchange) {
        String id = identity != null ? identifier(identity, identity.evaluate(exchange)) : null;
        if (id != null) {
            record.put("identity", id);
            return;
        }
        String object = objectId != null ? identifier(objectId, objectId.evaluate(exchange)) : null;
        if (object != null) {
            record.put("objectId", object);
            return;
        }
        StringBuilder tried = new StringBuilder();
        if (identity != null) {
            tried.append("identity expression '").append(identity.text()).append('\'');
        }
        if (objectId != null) {
            tried.append(tried.length() > 0 ? " and " : "").append("objectId expression '")
                    .append(objectId.text()).append('\'');
        }
        MappedExpression first = identity != null ? identity : objectId;
        throw new CleverTapMappingException(
                label + ": no identifier for the record: " + tried + " (" + language + ") gave no value",
                first.field(), first.text(), language);
    }

    private static String identifier(MappedExpression expression, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof CharSequence text) {
            String id = text.toString().strip();
            return id.isEmpty() ? null : id;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Number number) {
            BigDecimal decimal = new BigDecimal(number.toString());
            if (decimal.signum() == 0 || decimal.scale() <= 0 || decimal.stripTrailingZeros().scale() <= 0) {
                return decimal.toBigInteger().toString();
            }
        }
        throw expression.failure("gave " + describe(value) + ", expected a string or a whole number");
    }

    private String eventName(Exchange exchange) {
        if (eventNameExpression == null) {
            return eventName;
        }
        Object value = eventNameExpression.evaluate(exchange);
        if (value == null || (value instanceof CharSequence text && text.toString().isBlank())) {
            throw eventNameExpression.failure("gave no value: an event needs a name");
        }
        if (value instanceof CharSequence || value instanceof Number) {
            return value.toString().strip();
        }
        throw eventNameExpression.failure("gave " + describe(value) + ", expected a string");
    }

    private Map<String, Object> data(Exchange exchange) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (propertiesFrom != null) {
            Object value = propertiesFrom.evaluate(exchange);
            if (value instanceof Map<?, ?> map) {
                map.forEach((key, entry) -> {
                    String name = String.valueOf(key);
                    data.put(renames.getOrDefault(name, name), entry);
                });
            } else if (value != null) {
                throw propertiesFrom.failure("(propertiesFrom) gave " + describe(value) + ", expected an object");
            }
        }
        properties.forEach((name, expression) -> {
            Object value = expression.evaluate(exchange);
            if (value != null) {
                data.put(name, value);
            }
        });
        return data;
    }

    private static String describe(Object value) {
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof Iterable<?>) {
            return "a list";
        }
        return "a " + value.getClass().getSimpleName() + " (" + value + ")";
    }

    private static Language resolve(CamelContext context, String name) {
        try {
            return context.resolveLanguage(name);
        } catch (NoSuchLanguageException e) {
            throw new IllegalArgumentException(
                    "The mapping language '" + name + "' is not on the class path: add org.apache.camel:camel-" + name
                                               + " (org.apache.camel.quarkus:camel-quarkus-" + name + " on Quarkus)",
                    e);
        }
    }

    private MappedExpression compile(CamelContext context, Language lang, String field, String text) {
        if (text == null) {
            return null;
        }
        Expression expression;
        try {
            if ("jsonpath".equals(language)) {
                // properties of camel-jsonpath: result type, source, suppressExceptions. A path that is not in the
                // payload then gives null, which the mapping reports or skips, instead of an exception.
                expression = lang.createExpression(text, new Object[] { null, null, Boolean.TRUE });
            } else {
                expression = lang.createExpression(text);
            }
            expression.init(context);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(label + ": " + field + " expression '" + text + "' (" + language
                                               + ") is not valid: " + e.getMessage(),
                    e);
        }
        return new MappedExpression(field, text, expression);
    }

    /**
     * A compiled expression and what it fills.
     */
    private final class MappedExpression {

        private final String field;
        private final String text;
        private final Expression expression;

        MappedExpression(String field, String text, Expression expression) {
            this.field = field;
            this.text = text;
            this.expression = expression;
        }

        String field() {
            return field;
        }

        String text() {
            return text;
        }

        Object evaluate(Exchange exchange) {
            try {
                return JsonInput.plain(expression.evaluate(exchange, Object.class), mapper);
            } catch (CleverTapMappingException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new CleverTapMappingException(
                        label + ": " + field + " expression '" + text + "' (" + language + ") failed: "
                                                    + e.getMessage(),
                        field, text, language, e);
            }
        }

        CleverTapMappingException failure(String problem) {
            return new CleverTapMappingException(
                    label + ": " + field + " expression '" + text + "' (" + language + ") " + problem, field, text,
                    language);
        }
    }
}
