package io.github.camelclevertap.component.mapping;

import java.io.InputStream;
import java.io.Reader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Builds one CleverTap record from a JSON payload with expressions: the exchange body becomes the record as a `Map`
 * (`type`, `identity` or `objectId`, `ts`, `evtName`, `evtData` or `profileData`, `$source`), ready for
 * `to("clevertap:...")`.
 *
 * The expressions are evaluated with a Camel language, `jsonpath` unless {@link #setLanguage(String)} picks another
 * (`simple`, `jq` or any language on the class path), against the payload read once as JSON. Configure it with the
 * bean setters (YAML DSL `beans:`, Kamelets), with {@link #builder()} in Java, or start from a named preset
 * ({@link #preset(String)}, {@link #setMapping(String)}).
 *
 * Rules:
 *
 * - `identity` is used when it gives a value, else `objectId`; neither giving one fails the exchange with a
 *   {@link CleverTapMappingException} naming the expressions.
 * - `eventName` is an expression when it contains `$` or starts with `.` (`$.event`, `${header.event}`, `.event`);
 *   anything else is the event name itself. CleverTap forbids both characters in event names, so no valid name is
 *   taken for an expression. An event without a name fails the exchange.
 * - `properties` maps a property name to an expression; a property whose expression gives no value is left out.
 * - `propertiesFrom` copies every entry of an object, with keys renamed by `renames`; `properties` are added after.
 * - `timestamp` accepts epoch seconds or milliseconds, ISO-8601 date-times and dates; `ts` is epoch seconds.
 * - `source` is a constant, sent as `$source`.
 *
 * Instances are thread-safe once configured.
 */
public class CleverTapRecordMapper extends ServiceSupport implements Processor, CamelContextAware {

    /** The language used when none is set: native-ready in Camel Quarkus (camel-quarkus-jsonpath). */
    public static final String DEFAULT_LANGUAGE = "jsonpath";

    private final ObjectMapper objectMapper = new ObjectMapper();

    private CamelContext camelContext;
    private String mapping;
    private String type;
    private String identity;
    private String objectId;
    private String eventName;
    private String timestamp;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private String propertiesFrom;
    private final Map<String, String> renames = new LinkedHashMap<>();
    private String source;
    private String language;

    private volatile CompiledMapping compiled;

    /**
     * A mapper that starts from a named preset, such as `boltic-signup`; options set afterwards override the
     * preset's.
     */
    public static CleverTapRecordMapper preset(String name) {
        CleverTapRecordMapper mapper = new CleverTapRecordMapper();
        mapper.setMapping(name);
        return mapper;
    }

    /**
     * A fluent builder, for the Java DSL.
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void process(Exchange exchange) {
        CompiledMapping mapping = compiled(exchange.getContext());
        Object body = exchange.getMessage().getBody();
        Object payload = JsonInput.read(body, objectMapper);
        exchange.getMessage().setBody(mapping.inputFor(payload));
        try {
            exchange.getMessage().setBody(mapping.apply(exchange));
        } catch (RuntimeException e) {
            // the error handler gets the payload as it came (a consumed stream as the JSON read from it)
            exchange.getMessage().setBody(body instanceof InputStream || body instanceof Reader
                    ? payload : body);
            throw e;
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (camelContext != null) {
            compiled(camelContext);
        }
    }

    private CompiledMapping compiled(CamelContext context) {
        CompiledMapping answer = compiled;
        if (answer == null) {
            synchronized (this) {
                answer = compiled;
                if (answer == null) {
                    answer = CompiledMapping.compile(context, definition(context), objectMapper);
                    compiled = answer;
                }
            }
        }
        return answer;
    }

    /**
     * The options in force: the preset's, overridden by those set on this mapper.
     */
    private MappingDefinition definition(CamelContext context) {
        MappingDefinition definition = new MappingDefinition();
        if (mapping != null) {
            definition.applyPreset(mapping, MappingPresets.load(context, mapping, objectMapper));
        }
        definition.name = mapping;
        definition.type = pick(type, definition.type);
        definition.identity = pick(identity, definition.identity);
        definition.objectId = pick(objectId, definition.objectId);
        definition.eventName = pick(eventName, definition.eventName);
        definition.timestamp = pick(timestamp, definition.timestamp);
        definition.properties.putAll(properties);
        definition.propertiesFrom = pick(propertiesFrom, definition.propertiesFrom);
        definition.renames.putAll(renames);
        definition.source = pick(source, definition.source);
        definition.language = pick(language, pick(definition.language, DEFAULT_LANGUAGE));
        return definition;
    }

    private static String pick(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private void changed() {
        compiled = null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private Map<String, String> parseObject(String option, String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            Map<?, ?> map = objectMapper.readValue(json, Map.class);
            Map<String, String> answer = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getValue() instanceof String value)) {
                    throw new IllegalArgumentException(option + ": the value of '" + entry.getKey()
                                                       + "' must be a string, got " + entry.getValue());
                }
                answer.put(String.valueOf(entry.getKey()), value);
            }
            return answer;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(option + " must be a JSON object of strings, such as"
                                               + " {\"Name\": \"$.payload.name\"}: " + e.getOriginalMessage(),
                    e);
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public String getMapping() {
        return mapping;
    }

    /**
     * The name of a preset to start from (`boltic-signup`, `boltic-purchase`, `talon-one-coupon`,
     * `pipedream-profile`, `pipedream-event`, or one of the application's own under
     * `META-INF/clevertap/mappings/`). The other options override the preset's.
     */
    public void setMapping(String mapping) {
        this.mapping = blankToNull(mapping);
        changed();
    }

    public String getType() {
        return type;
    }

    /**
     * The record type: `profile` or `event`.
     */
    public void setType(String type) {
        this.type = blankToNull(type);
        changed();
    }

    public String getIdentity() {
        return identity;
    }

    /**
     * The expression giving the record's `identity` (the user id or email).
     */
    public void setIdentity(String identity) {
        this.identity = blankToNull(identity);
        changed();
    }

    public String getObjectId() {
        return objectId;
    }

    /**
     * The expression giving the record's `objectId` (CleverTap's id of the user), used when `identity` gives no value.
     */
    public void setObjectId(String objectId) {
        this.objectId = blankToNull(objectId);
        changed();
    }

    public String getEventName() {
        return eventName;
    }

    /**
     * The event name: an expression when it contains `$` or starts with `.`, else the name itself.
     */
    public void setEventName(String eventName) {
        this.eventName = blankToNull(eventName);
        changed();
    }

    public String getTimestamp() {
        return timestamp;
    }

    /**
     * The expression giving the record's time (epoch seconds or milliseconds, ISO-8601); none leaves `ts` out, and
     * CleverTap takes the time of the upload.
     */
    public void setTimestamp(String timestamp) {
        this.timestamp = blankToNull(timestamp);
        changed();
    }

    /**
     * The properties set by this mapper (not those of its preset): name to expression.
     */
    public Map<String, String> getProperties() {
        return Collections.unmodifiableMap(properties);
    }

    /**
     * The `evtData` or `profileData` properties as a JSON object of property name to expression, such as
     * `{"Name": "$.payload.name", "Amount": "$.payload.properties.amount"}`. They replace properties of the same
     * name from the preset or from `propertiesFrom`.
     */
    public void setProperties(String properties) {
        this.properties.clear();
        this.properties.putAll(parseObject("properties", properties));
        changed();
    }

    public String getPropertiesFrom() {
        return propertiesFrom;
    }

    /**
     * An expression giving an object whose entries all become properties (keys renamed by `renames`), such as
     * `$.payload.properties`.
     */
    public void setPropertiesFrom(String propertiesFrom) {
        this.propertiesFrom = blankToNull(propertiesFrom);
        changed();
    }

    /**
     * The renames set by this mapper (not those of its preset): payload key to property name.
     */
    public Map<String, String> getRenames() {
        return Collections.unmodifiableMap(renames);
    }

    /**
     * Renames of the keys copied by `propertiesFrom`, as a JSON object of payload key to property name, such as
     * `{"product_id": "Product ID"}`. Keys not listed keep their name.
     */
    public void setRenames(String renames) {
        this.renames.clear();
        this.renames.putAll(parseObject("renames", renames));
        changed();
    }

    public String getSource() {
        return source;
    }

    /**
     * A label of the sending system, sent as the record's `$source` (as Talon.One does).
     */
    public void setSource(String source) {
        this.source = blankToNull(source);
        changed();
    }

    public String getLanguage() {
        return language;
    }

    /**
     * The Camel language of the expressions: `jsonpath` (the default), `simple`, `jq` or any other on the class path.
     */
    public void setLanguage(String language) {
        this.language = blankToNull(language);
        changed();
    }

    @Override
    public String toString() {
        return "CleverTapRecordMapper[" + (mapping != null ? mapping : type) + "]";
    }

    /**
     * Fluent configuration of a {@link CleverTapRecordMapper}, for the Java DSL.
     */
    public static final class Builder {

        private final CleverTapRecordMapper mapper = new CleverTapRecordMapper();

        private Builder() {
        }

        /** Starts from a named preset; the other options override it. */
        public Builder preset(String name) {
            mapper.setMapping(name);
            return this;
        }

        /** Builds a profile record. */
        public Builder profile() {
            return type("profile");
        }

        /** Builds an event record. */
        public Builder event() {
            return type("event");
        }

        /** `profile` or `event`. */
        public Builder type(String type) {
            mapper.setType(type);
            return this;
        }

        /** The expression giving `identity`. */
        public Builder identity(String expression) {
            mapper.setIdentity(expression);
            return this;
        }

        /** The expression giving `objectId`, used when `identity` gives no value. */
        public Builder objectId(String expression) {
            mapper.setObjectId(expression);
            return this;
        }

        /** The event name: an expression when it contains `$` or starts with `.`, else the name itself. */
        public Builder eventName(String nameOrExpression) {
            mapper.setEventName(nameOrExpression);
            return this;
        }

        /** The expression giving the record's time. */
        public Builder timestamp(String expression) {
            mapper.setTimestamp(expression);
            return this;
        }

        /** One property: its name in CleverTap and the expression giving its value. */
        public Builder property(String name, String expression) {
            mapper.properties.put(name, expression);
            mapper.changed();
            return this;
        }

        /** Copies every entry of the object the expression gives. */
        public Builder propertiesFrom(String expression) {
            mapper.setPropertiesFrom(expression);
            return this;
        }

        /** Renames a key copied by `propertiesFrom`. */
        public Builder rename(String payloadKey, String propertyName) {
            mapper.renames.put(payloadKey, propertyName);
            mapper.changed();
            return this;
        }

        /** The `$source` label. */
        public Builder source(String source) {
            mapper.setSource(source);
            return this;
        }

        /** The language of the expressions (default `jsonpath`). */
        public Builder language(String language) {
            mapper.setLanguage(language);
            return this;
        }

        public CleverTapRecordMapper build() {
            return mapper;
        }
    }
}
