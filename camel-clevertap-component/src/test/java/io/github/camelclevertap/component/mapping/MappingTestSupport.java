package io.github.camelclevertap.component.mapping;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.test.junit6.CamelTestSupport;

/**
 * Runs a mapper on one exchange of a real Camel context (with the languages of the test class path).
 */
abstract class MappingTestSupport extends CamelTestSupport {

    Exchange run(Processor mapper, Object body) throws Exception {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(body);
        if (mapper instanceof CleverTapRecordMapper recordMapper) {
            recordMapper.setCamelContext(context);
        }
        mapper.process(exchange);
        return exchange;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> record(Processor mapper, Object body) throws Exception {
        return run(mapper, body).getMessage().getBody(Map.class);
    }
}
