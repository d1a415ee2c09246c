package io.github.camelclevertap.component.mapping;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.github.camelclevertap.component.mapping.SegmentSpecTest.assertMaps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The `rudderstack` preset against the cases RudderStack publishes for its CleverTap destination:
 * rudderlabs/rudder-transformer `test/integrations/destinations/clevertap/processor/data.ts` (destination config
 * `trackAnonymous: true`, `enableObjectIdMapping: false`), read at commit c98d160c. The inputs are those cases'
 * messages, shortened to the fields the destination reads; the expected records are RudderStack's outputs except
 * where a comment names a documented difference (a value CleverTap would reject, or `ts` from the message's time).
 */
class RudderStackPresetTest extends MappingTestSupport {

    private final SegmentRecordMapper mapper = new SegmentRecordMapper();

    @BeforeEach
    void rudderstack() {
        mapper.setPreset("rudderstack");
    }

    /**
     * "Test 1". RudderStack sends `Phone: "92374162212"` (not E.164: 516), `Education: "Science"` (518),
     * `Employed`/`Married: true` (517/519) and `DOB: "1614775793"`; here Employed and Married are `Y`, DOB a date, and
     * phone and education stay custom. RudderStack sends no `ts`; here it is the message's `originalTimestamp`.
     */
    @Test
    void identifyWithTraitsAndTheAnonymousIdAsIdentity() throws Exception {
        assertMaps(this, mapper, """
                {"channel": "web", "messageId": "84e26acc-56a5-4835-8233-591137fca468",
                 "originalTimestamp": "2019-10-14T09:03:17.562Z", "anonymousId": "anon_id", "type": "identify",
                 "context": {"library": {"name": "RudderLabs JavaScript SDK", "version": "1.0.0"}},
                 "traits": {"anonymousId": "anon_id", "email": "jamesDoe@gmail.com", "name": "James Doe",
                            "phone": "92374162212", "gender": "M", "employed": true, "birthday": "1614775793",
                            "education": "Science", "graduate": true, "married": true, "customerType": "Prime",
                            "msg_push": true, "msgSms": true, "msgemail": true, "msgwhatsapp": false,
                            "custom_tags": ["Test_User", "Interested_User", "DIY_Hobby"],
                            "custom_mappings": {"Office": "Trastkiv", "Country": "Russia"},
                            "address": {"city": "kolkata", "country": "India", "postalCode": 789223, "state": "WB",
                                        "street": ""}},
                 "integrations": {"All": true}, "sentAt": "2019-10-14T09:03:22.563Z"}""", """
                {"type": "profile", "identity": "anon_id", "ts": 1571043797,
                 "profileData": {"Email": "jamesDoe@gmail.com", "Name": "James Doe", "Gender": "M",
                                 "Employed": "Y", "DOB": "$D_1614775793", "Married": "Y", "Customer Type": "Prime",
                                 "graduate": true, "msg_push": true, "msgSms": true, "msgemail": true,
                                 "msgwhatsapp": false,
                                 "custom_tags": "[\\"Test_User\\",\\"Interested_User\\",\\"DIY_Hobby\\"]",
                                 "custom_mappings": "{\\"Office\\":\\"Trastkiv\\",\\"Country\\":\\"Russia\\"}",
                                 "address": "{\\"city\\":\\"kolkata\\",\\"country\\":\\"India\\",\\"postalCode\\":789223,\\"state\\":\\"WB\\",\\"street\\":\\"\\"}",
                                 "phone": "92374162212", "education": "Science"}}""");
    }

    /** "Test 0": subscription groups stay objects; "Test 9": `female` is `F`. */
    @Test
    void subscriptionGroupsStayObjectsAndGenderSpellingsMap() throws Exception {
        assertMaps(this, mapper, """
                {"type": "identify", "anonymousId": "anon_id",
                 "traits": {"gender": "female", "email": "jamesDoe@gmail.com",
                            "category-unsubscribe": {"email": ["Marketing", "Transactional"]}}}""", """
                {"type": "profile", "identity": "anon_id",
                 "profileData": {"Email": "jamesDoe@gmail.com", "Gender": "F",
                                 "category-unsubscribe": {"email": ["Marketing", "Transactional"]}}}""");
    }

    /** "Test 10": a gender other than male or female is dropped, as RudderStack drops it. */
    @Test
    void anUnknownGenderIsDropped() throws Exception {
        assertMaps(this, mapper, """
                {"type": "identify", "anonymousId": "anon_id",
                 "traits": {"name": "James Doe", "gender": "other", "customerType": "Prime"}}""", """
                {"type": "profile", "identity": "anon_id",
                 "profileData": {"Name": "James Doe", "Customer Type": "Prime"}}""");
    }

    /** "Test 2" (plus `ts` from `timestamp`). */
    @Test
    void pageIsWebPageViewedWithItsName() throws Exception {
        assertMaps(this, mapper, """
                {"type": "page", "anonymousId": "anon-id-new", "name": "Rudder",
                 "properties": {"title": "Home", "path": "/"},
                 "context": {"ip": "14.5.67.21", "library": {"name": "http"}},
                 "timestamp": "2020-02-02T00:23:09.544Z"}""", """
                {"type": "event", "identity": "anon-id-new", "ts": 1580602989, "evtName": "Web Page Viewed: Rudder",
                 "evtData": {"title": "Home", "path": "/"}}""");
        assertThat(record(mapper, "{\"type\": \"page\", \"userId\": \"u1\"}"))
                .containsEntry("evtName", "Web Page Viewed");
    }

    /** "Test 3" (plus `ts` from `timestamp`). */
    @Test
    void screenIsScreenViewedWithItsName() throws Exception {
        assertMaps(this, mapper, """
                {"type": "screen", "userId": "identified_user_id", "name": "Rudder-Screen",
                 "properties": {"prop1": "5"}, "context": {"ip": "14.5.67.21", "library": {"name": "http"}},
                 "timestamp": "2020-02-02T00:23:09.544Z"}""", """
                {"type": "event", "identity": "identified_user_id", "ts": 1580602989,
                 "evtName": "Screen Viewed: Rudder-Screen", "evtData": {"prop1": "5"}}""");
    }

    /** "Test 4" (plus `ts` from `timestamp`): names are not translated, nested properties are JSON text. */
    @Test
    void trackKeepsTheEventNameAndStringifiesNestedProperties() throws Exception {
        assertMaps(this, mapper, """
                {"type": "track", "userId": "user123", "event": "Product Purchased",
                 "properties": {"name": "Rubik's Cube", "revenue": 4.99}, "context": {"ip": "14.5.67.21"},
                 "timestamp": "2020-02-02T00:23:09.544Z"}""", """
                {"type": "event", "identity": "user123", "ts": 1580602989, "evtName": "Product Purchased",
                 "evtData": {"name": "Rubik's Cube", "revenue": 4.99}}""");
        assertMaps(this, mapper, """
                {"type": "track", "userId": "u1", "event": "Products Searched",
                 "properties": {"filters": {"color": "red"}, "tags": ["a", "b"]}}""", """
                {"type": "event", "identity": "u1", "evtName": "Products Searched",
                 "evtData": {"filters": "{\\"color\\":\\"red\\"}", "tags": "[\\"a\\",\\"b\\"]"}}""");
    }

    /** "Test 7", exactly: `checkout_id` is the Charged ID, `ts` comes from `properties.ts`. */
    @Test
    void orderCompletedIsChargedWithCheckoutId() throws Exception {
        assertMaps(this, mapper, """
                {"type": "track", "event": "Order Completed", "sentAt": "2021-03-10T11:59:57.815Z",
                 "userId": "riverjohn", "channel": "web",
                 "context": {"traits": {"email": "riverjohn@gmail.com", "phone": "+12345678900", "testIng": true,
                                        "lastName": "John", "firstname": "River"}},
                 "properties": {"tax": 1, "total": 20, "coupon": "ImagePro", "revenue": 15, "currency": "USD",
                                "discount": 1.5, "order_id": "1234", "ts": "2021-03-10T11:59:22.080Z",
                                "products": [{"sku": "G-32", "name": "Monopoly", "price": 14, "quantity": 1,
                                              "product_id": "123"},
                                             {"sku": "F-32", "name": "UNO", "price": 3.45, "quantity": 2,
                                              "product_id": "345"}],
                                "shipping": 22, "affiliation": "Apple Store", "checkout_id": "12345"},
                 "anonymousId": "b2e06708-dd2a-4aee-bb32-41855d2fbdab",
                 "originalTimestamp": "2021-03-10T11:59:22.080Z"}""", """
                {"type": "event", "identity": "riverjohn", "ts": 1615377562, "evtName": "Charged",
                 "evtData": {"Charged ID": "12345", "Amount": 15,
                             "Items": [{"sku": "G-32", "name": "Monopoly", "price": 14, "quantity": 1,
                                        "product_id": "123"},
                                       {"sku": "F-32", "name": "UNO", "price": 3.45, "quantity": 2,
                                        "product_id": "345"}],
                             "tax": 1, "total": 20, "coupon": "ImagePro", "currency": "USD", "discount": 1.5,
                             "order_id": "1234", "shipping": 22, "affiliation": "Apple Store"}}""");
    }

    /** "Test 20": products that are not a list of objects fail the message, as in RudderStack. */
    @Test
    void chargedProductsMustBeAListOfObjects() {
        assertThatThrownBy(() -> run(mapper, "{\"type\": \"track\", \"userId\": \"u1\", \"event\": \"Order Completed\","
                                             + " \"properties\": {\"products\": {\"sku\": \"G-32\"}}}"))
                .isInstanceOf(CleverTapMappingException.class)
                .hasMessage("Segment mapping: properties.products of a Charged event must be a list of objects");
    }

    /** "Test 17", exactly: the previous id's profile gets the new id; `ts` from `context.traits.ts`. */
    @Test
    void aliasLinksThePreviousId() throws Exception {
        assertMaps(this, mapper, """
                {"type": "alias", "userId": "newaddedid001", "context": {"traits": {"ts": 1468308340}},
                 "rudderId": "a8556b1b-9d11-478d-9242-be124d1f0c93",
                 "messageId": "46c1a69c-cc24-4a49-8079-3fcbabf15eb8", "previousId": "1122121"}""", """
                {"type": "profile", "identity": "1122121", "ts": 1468308340,
                 "profileData": {"identity": "newaddedid001"}}""");
    }

    /**
     * RudderStack's JavaScript SDK sends identify traits in `context.traits`: the standard fields come from there
     * (`traits` first), `firstName` and `lastName` make `Name` only together, ids and `ts` are not properties, and
     * `context.traits` wins over `traits` for other traits, as in RudderStack.
     */
    @Test
    void identifyReadsContextTraits() throws Exception {
        assertMaps(this, mapper, """
                {"type": "identify", "userId": "u-9", "anonymousId": "a-9",
                 "traits": {"email": "top@example.com", "plan": "free"},
                 "context": {"traits": {"email": "ctx@example.com", "firstName": "Ann", "last_name": "Lee",
                                        "phone": "+15551234567", "plan": "pro", "userId": "u-9", "id": "u-9",
                                        "anonymousId": "a-9", "ts": 1468308340,
                                        "overrideFields": {"Tier": "gold"}}}}""", """
                {"type": "profile", "identity": "u-9", "ts": 1468308340,
                 "profileData": {"Email": "top@example.com", "Name": "Ann Lee", "Phone": "+15551234567",
                                 "plan": "pro", "Tier": "gold"}}""");
        assertMaps(this, mapper, """
                {"type": "identify", "userId": "u-9", "context": {"traits": {"firstName": "Ann"}}}""", """
                {"type": "profile", "identity": "u-9", "profileData": {}}""");
    }

    @Test
    void theAnonymousIdIsTheIdentityUnlessToldOtherwise() throws Exception {
        String anonymous = "{\"type\": \"track\", \"anonymousId\": \"a-1\", \"event\": \"Random\"}";
        assertThat(record(mapper, anonymous)).containsEntry("identity", "a-1");
        assertThat(record(mapper, "{\"type\": \"track\", \"anonymousId\": \"a-1\", \"context\": {\"traits\":"
                                  + " {\"id\": \"c-1\"}}, \"event\": \"Random\"}"))
                .containsEntry("identity", "c-1");

        mapper.setIdentity("userId");
        mapper.setObjectId("anonymousId");
        assertThat(record(mapper, anonymous)).containsEntry("objectId", "a-1").doesNotContainKey("identity");
        assertThat(mapper.getPreset()).isEqualTo("rudderstack");
    }

    @Test
    void userEventNamesApplyOnTopOfRudderStacksTable() throws Exception {
        mapper.setEventNames("{\"Purchase\": \"Charged\"}");
        assertThat(record(mapper, "{\"type\": \"track\", \"userId\": \"u1\", \"event\": \"Purchase\","
                                  + " \"properties\": {\"checkout_id\": \"C-1\", \"order_id\": \"O-1\"}}"))
                .containsEntry("evtName", "Charged")
                .containsEntry("evtData", java.util.Map.of("Charged ID", "C-1", "order_id", "O-1"));
        assertThatThrownBy(() -> mapper.setPreset("segmentio"))
                .hasMessage("preset 'segmentio' is not known: use one of [default, rudderstack]");
    }
}
