package io.github.camelclevertap.component.mapping;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Processor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default preset against the Segment spec's documented examples (segmentio/segment-docs,
 * `src/connections/spec/{identify,track,page,screen,alias}.md`, section "Example", payloads copied as they are there)
 * and against messages shaped as the common SDKs send them (our own data), each with the exact record expected.
 */
class SegmentSpecTest extends MappingTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SegmentRecordMapper mapper = new SegmentRecordMapper();

    /** Compares as JSON text read back, so 5 and 5L are the same number. */
    static void assertMaps(MappingTestSupport test, Processor mapper, String message, String expected)
            throws Exception {
        String actual = JSON.writeValueAsString(test.record(mapper, message));
        assertThat(JSON.readTree(actual)).as(actual).isEqualTo(JSON.readTree(expected));
    }

    // -- the Segment spec's examples ----------------------------------------------------------------------------

    @Test
    void specIdentifyExampleBecomesAProfile() throws Exception {
        assertMaps(this, mapper, """
                {"anonymousId": "507f191e810c19729de860ea", "channel": "browser",
                 "context": {"ip": "8.8.8.8", "userAgent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_5)"},
                 "integrations": {"All": false, "Mixpanel": true, "Salesforce": true},
                 "messageId": "022bb90c-bbac-11e4-8dfc-aa07a5b093db", "receivedAt": "2015-02-23T22:28:55.387Z",
                 "sentAt": "2015-02-23T22:28:55.111Z", "timestamp": "2015-02-23T22:28:55.111Z",
                 "traits": {"name": "Peter Gibbons", "email": "peter@example.com", "plan": "premium", "logins": 5,
                            "address": {"street": "6th St", "city": "San Francisco", "state": "CA",
                                        "postalCode": "94103", "country": "USA"}},
                 "type": "identify", "userId": "97980cfea0067", "version": "1.1"}""", """
                {"type": "profile", "identity": "97980cfea0067", "ts": 1424730535,
                 "profileData": {"Name": "Peter Gibbons", "Email": "peter@example.com", "plan": "premium",
                                 "logins": 5, "address_street": "6th St", "address_city": "San Francisco",
                                 "address_state": "CA", "address_postalCode": "94103", "address_country": "USA"}}""");
    }

    @Test
    void specTrackExampleBecomesAnEvent() throws Exception {
        assertMaps(this, mapper, """
                {"anonymousId": "23adfd82-aa0f-45a7-a756-24f2a7a4c895",
                 "context": {"library": {"name": "analytics.js", "version": "2.11.1"},
                             "page": {"path": "/academy/", "referrer": "", "search": "", "title": "Analytics Academy",
                                      "url": "https://segment.com/academy/"},
                             "userAgent": "Mozilla/5.0", "ip": "108.0.78.21"},
                 "event": "Course Clicked", "integrations": {}, "messageId": "ajs-f8ca1e4de5024d9430b3928bd8ac6b96",
                 "properties": {"title": "Intro to Analytics"}, "receivedAt": "2015-12-12T19:11:01.266Z",
                 "sentAt": "2015-12-12T19:11:01.169Z", "timestamp": "2015-12-12T19:11:01.249Z", "type": "track",
                 "userId": "AiUGstSDIg", "originalTimestamp": "2015-12-12T19:11:01.152Z"}""", """
                {"type": "event", "identity": "AiUGstSDIg", "ts": 1449947461, "evtName": "Course Clicked",
                 "evtData": {"title": "Intro to Analytics"}}""");
    }

    @Test
    void specPageExampleBecomesWebPageViewed() throws Exception {
        assertMaps(this, mapper, """
                {"anonymousId": "507f191e810c19729de860ea", "channel": "browser",
                 "context": {"ip": "8.8.8.8", "userAgent": "Mozilla/5.0"},
                 "integrations": {"All": true, "Mixpanel": false, "Salesforce": false},
                 "messageId": "022bb90c-bbac-11e4-8dfc-aa07a5b093db", "name": "Home",
                 "properties": {"title": "Welcome | Initech", "url": "http://www.example.com"},
                 "receivedAt": "2015-02-23T22:28:55.387Z", "sentAt": "2015-02-23T22:28:55.111Z",
                 "timestamp": "2015-02-23T22:28:55.111Z", "type": "page", "userId": "97980cfea0067",
                 "version": "1.1"}""", """
                {"type": "event", "identity": "97980cfea0067", "ts": 1424730535, "evtName": "Web Page Viewed",
                 "evtData": {"title": "Welcome | Initech", "url": "http://www.example.com", "name": "Home"}}""");
    }

    @Test
    void specScreenExampleBecomesScreenViewed() throws Exception {
        assertMaps(this, mapper, """
                {"anonymousId": "3a12eab0-bca7-11e4-8dfc-aa07a5b093db", "channel": "mobile",
                 "context": {"ip": "8.8.8.8"},
                 "integrations": {"All": true, "Mixpanel": false, "Salesforce": false},
                 "messageId": "022bb90c-bbac-11e4-8dfc-aa07a5b093db", "name": "Home",
                 "properties": {"variation": "blue signup button"}, "receivedAt": "2015-02-23T22:28:55.387Z",
                 "sentAt": "2015-02-23T22:28:55.111Z", "timestamp": "2015-02-23T22:28:55.111Z", "type": "screen",
                 "userId": "97980cfea0067", "version": "1.1"}""", """
                {"type": "event", "identity": "97980cfea0067", "ts": 1424730535, "evtName": "Screen Viewed",
                 "evtData": {"variation": "blue signup button", "name": "Home"}}""");
    }

    @Test
    void specAliasExampleAddsTheNewIdToThePreviousProfile() throws Exception {
        assertMaps(this, mapper, """
                {"anonymousId": "507f191e810c19729de860ea", "channel": "browser",
                 "context": {"ip": "8.8.8.8", "userAgent": "Mozilla/5.0"},
                 "integrations": {"All": true, "Mixpanel": false, "Salesforce": false},
                 "messageId": "022bb90c-bbac-11e4-8dfc-aa07a5b093db", "previousId": "39239-239239-239239-23923",
                 "receivedAt": "2015-02-23T22:28:55.387Z", "sentAt": "2015-02-23T22:28:55.111Z",
                 "timestamp": "2015-02-23T22:28:55.111Z", "type": "alias", "userId": "507f191e81",
                 "version": "1.1"}""", """
                {"type": "profile", "identity": "39239-239239-239239-23923", "ts": 1424730535,
                 "profileData": {"identity": "507f191e81"}}""");
    }

    // -- messages shaped as the SDKs send them (our own data) ---------------------------------------------------

    @Test
    void rudderStackJavaScriptIdentifyWithTraitsOnlyInContext() throws Exception {
        assertMaps(this, mapper, """
                {"type": "identify", "userId": "u-1", "anonymousId": "a-1", "channel": "web",
                 "originalTimestamp": "2024-05-06T07:08:09.123Z",
                 "context": {"library": {"name": "RudderLabs JavaScript SDK", "version": "2.48.0"},
                             "traits": {"email": "ann@example.com", "firstName": "Ann", "lastName": "Lee",
                                        "phone": "+44 20 7946 0958", "plan": "pro"}}}""", """
                {"type": "profile", "identity": "u-1", "ts": 1714979289,
                 "profileData": {"Name": "Ann Lee", "Email": "ann@example.com", "Phone": "+442079460958",
                                 "plan": "pro"}}""");
    }

    @Test
    void rudderStackAndroidIdentifyWithIdsAndStandardTraitsInContext() throws Exception {
        assertMaps(this, mapper, """
                {"type": "identify", "userId": "u-2", "anonymousId": "8f2c-android", "channel": "mobile",
                 "originalTimestamp": "2024-05-06T07:08:09.123Z",
                 "context": {"library": {"name": "com.rudderstack.android.sdk.core"}, "os": {"name": "Android"},
                             "traits": {"anonymousId": "8f2c-android", "userId": "u-2", "id": "u-2",
                                        "email": "bo@example.com", "first_name": "Bo", "last_name": "Ek",
                                        "gender": "male", "age": "34", "birthday": "1990-05-17",
                                        "employed": true, "married": "no", "education": "college",
                                        "customerType": "Prime", "avatar": "https://example.com/bo.png",
                                        "msg_push": true, "msgEmail": "false", "MSG-sms": false,
                                        "msgwhatsapp": true}}}""", """
                {"type": "profile", "identity": "u-2", "ts": 1714979289,
                 "profileData": {"Name": "Bo Ek", "Email": "bo@example.com", "Gender": "M", "DOB": "$D_642902400",
                                 "Age": 34, "Photo": "https://example.com/bo.png", "Employed": "Y",
                                 "Education": "College", "Married": "N", "Customer Type": "Prime",
                                 "MSG-email": false, "MSG-push": true, "MSG-sms": false, "MSG-whatsapp": true,
                                 "anonymousId": "8f2c-android", "userId": "u-2", "id": "u-2"}}""");
    }

    @Test
    void rudderStackIosIdentifyWithTraitsAtTheTopAndInContextTopWins() throws Exception {
        assertMaps(this, mapper, """
                {"type": "identify", "userId": "u-3", "channel": "mobile",
                 "originalTimestamp": "2024-05-06T07:08:09.123Z",
                 "traits": {"email": "new@example.com", "name": "Cy Ode"},
                 "context": {"library": {"name": "rudder-ios-library"}, "os": {"name": "iOS"},
                             "traits": {"email": "old@example.com", "name": "C. Ode", "phone": "+15551234567",
                                        "city": "Oslo"}}}""", """
                {"type": "profile", "identity": "u-3", "ts": 1714979289,
                 "profileData": {"Name": "Cy Ode", "Email": "new@example.com", "Phone": "+15551234567",
                                 "city": "Oslo"}}""");
    }

    @Test
    void segmentMobileTrackCarriesTraitsInContextAndStaysAnEvent() throws Exception {
        mapper.setIdentity("userId,context.traits.email");
        assertMaps(this, mapper, """
                {"type": "track", "event": "Product Added", "anonymousId": "a-4",
                 "timestamp": "2024-05-06T07:08:09.123Z",
                 "context": {"library": {"name": "analytics-ios"}, "traits": {"email": "di@example.com"}},
                 "properties": {"product_id": "P-1", "price": 9.5}}""", """
                {"type": "event", "identity": "di@example.com", "ts": 1714979289, "evtName": "Added to Cart",
                 "evtData": {"product_id": "P-1", "price": 9.5}}""");
    }

    // -- value forms ---------------------------------------------------------------------------------------------

    @Test
    void valuesThatCannotTakeCleverTapsFormStayCustomProperties() throws Exception {
        assertMaps(this, mapper, """
                {"type": "identify", "userId": "u-5",
                 "traits": {"phone": "92374162212", "email": "not-an-email", "gender": "other",
                            "education": "Science", "married": "maybe", "age": "old", "birthday": "soon",
                            "Employed": "sometimes", "MSG-push": "often"}}""", """
                {"type": "profile", "identity": "u-5",
                 "profileData": {"phone": "92374162212", "email": "not-an-email", "gender": "other",
                                 "education": "Science", "married": "maybe", "age": "old", "birthday": "soon",
                                 "employed": "sometimes", "msg-push": "often"}}""");
    }

    @Test
    void yesNoNumbersAndTextTakeCleverTapsForms() throws Exception {
        assertMaps(this, mapper, """
                {"type": "identify", "userId": "u-6",
                 "traits": {"employed": "YES", "married": false, "age": 41.0, "education": " graduate ",
                            "phone": "+1 (555) 123-4567", "dob": 642902400000, "customer_type": "VIP"}}""", """
                {"type": "profile", "identity": "u-6",
                 "profileData": {"Phone": "+15551234567", "DOB": "$D_642902400", "Age": 41.0, "Employed": "Y",
                                 "Education": "Graduate", "Married": "N", "Customer Type": "VIP"}}""");
    }

    @Test
    void theReasonIsLoggedOncePerTrait() throws Exception {
        Path log = Path.of("target/camel-clevertap-test.log");
        for (int i = 0; i < 3; i++) {
            record(mapper, "{\"type\": \"identify\", \"userId\": \"u-" + i + "\","
                           + " \"traits\": {\"P_h-one\": \"tel-q7w3-" + i + "\"}}");
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(text.split("trait 'P_h-one' is not a valid CleverTap Phone", -1)).hasSize(2);
        assertThat(text).as("values are not logged").doesNotContain("tel-q7w3");
    }
}
