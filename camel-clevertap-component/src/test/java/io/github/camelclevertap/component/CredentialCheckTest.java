package io.github.camelclevertap.component;

import java.util.List;

import io.github.camelclevertap.emulator.Fault;
import io.github.camelclevertap.emulator.RecordedRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * `verifyCredentials=true`: one empty dry-run upload when the endpoint starts; HTTP 401 fails the start.
 */
class CredentialCheckTest extends CleverTapTestSupport {

    @Test
    void rightCredentialsStartWithOneEmptyDryRunThatStoresNothing() throws Exception {
        try (CamelContext camel = contextSendingTo("region=eu1&accountId=" + accountId + "&passcode=" + PASSCODE)) {
            camel.start();

            assertThat(emulator.requests()).singleElement().satisfies(request -> {
                assertThat(request.query()).isEqualTo("dryRun=1");
                assertThat(request.body()).isEqualTo("{\"d\":[]}");
                assertThat(request.status()).isEqualTo(200);
            });
            assertThat(emulator.storedRecordCount()).isZero();
        }
    }

    @Test
    void unauthorisedFailsTheStartNamingTheRegionAndTheOthersWithoutThePasscode() throws Exception {
        CamelContext camel = contextSendingTo("region=in1&accountId=" + accountId + "&passcode=wrong-" + PASSCODE);

        assertThatThrownBy(camel::start).rootCause().isInstanceOf(CleverTapException.class)
                .hasMessageContaining("CleverTap refused the credentials of account " + accountId)
                .hasMessageContaining("HTTP 401: Account ID is not valid")
                .hasMessageContaining("check the account id, the passcode and the region")
                .hasMessageNotContaining(PASSCODE);
        assertThat(emulator.requests()).extracting(RecordedRequest::status).containsExactly(401);
        camel.close();
    }

    @Test
    void theMessageOfAnEndpointWithoutBaseUriListsTheOtherRegions() {
        // what the 401 message appends, for an endpoint that talks to CleverTap itself
        CleverTapEndpoint endpoint = context.getEndpoint("clevertap:event?region=sg1&accountId=A&passcode=P",
                CleverTapEndpoint.class);

        assertThat(endpoint.authenticationHint()).contains("uses region 'sg1' (https://sg1.api.clevertap.com)",
                "the others are eu1, in1, us1, aps3, mec1, sk1");
    }

    @Test
    void aCheckThatCannotBeMadeOnlyWarns() throws Exception {
        emulator.faults().enqueue(Fault.status(503));
        try (CamelContext camel = contextSendingTo("region=eu1&accountId=" + accountId + "&passcode=" + PASSCODE)) {
            camel.start();

            assertThat(camel.isStarted()).isTrue();
            assertThat(emulator.requests()).extracting(RecordedRequest::status).isEqualTo(List.of(503));
        }
    }

    private static CamelContext contextSendingTo(String options) {
        CamelContext camel = new DefaultCamelContext();
        try {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:signups").to("clevertap:profile?verifyCredentials=true&baseUri=" + emulator.baseUri()
                                              + "&" + options);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return camel;
    }
}
