package io.github.camelclevertap.records;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The rules on plain Java values, as {@code ObjectMapper.readValue(json, Object.class)} gives them.
 */
class RecordValidatorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final RecordValidator validator = new RecordValidator();

    static Stream<Arguments> validRecords() {
        return Stream.of(
                arguments("minimal profile", "{'type':'profile','identity':'u1'}"),
                arguments("profile as recorded by CleverTap, with identity and created_at keys",
                        "{'identity':'1','ts':1521649265,'type':'profile','profileData':{'identity':1,"
                                + "'created_at':'2018-03-21 18:21:05 +0200','Name':'John Rush','Email':'example@gmail.com',"
                                + "'Gender':'M','Phone':'+35922333232','Employed':'Y','Education':'Graduate',"
                                + "'Married':'Y','Age':'18'}}"),
                arguments("minimal event", "{'type':'event','identity':'u1','evtName':'Web Event'}"),
                arguments("objectId identifier", "{'type':'event','objectId':'__abc','evtName':'Web Event'}"),
                arguments("FBID identifier", "{'type':'event','FBID':'1414','evtName':'Web Event'}"),
                arguments("GPID identifier", "{'type':'event','GPID':'1414','evtName':'Web Event'}"),
                arguments("numeric identity", "{'type':'profile','identity':1717}"),
                arguments("blank extra identifier is ignored", "{'type':'profile','identity':'u1','objectId':' '}"),
                arguments("null ts defaults to now", "{'type':'profile','identity':'u1','ts':null}"),
                arguments("ts in seconds", "{'type':'event','identity':'u1','ts':1521649266,'evtName':'x'}"),
                arguments("sender label at top level", "{'type':'event','$source':'Talon.One','identity':'u1',"
                        + "'evtName':'Coupon Generated','evtData':{'CouponCode':'ABC'}}"),
                arguments("event name close to a reserved one", "{'type':'event','identity':'u1','evtName':'Notification Sentinel'}"),
                arguments("Charged with Items of flat objects", "{'type':'event','identity':'u1','evtName':'Charged',"
                        + "'evtData':{'Charged ID':'ORD-001','Amount':129.99,'Currency':'USD',"
                        + "'Items':[{'Name':'Shoe','Price':99.5,'Qty':1},{'Name':'Sock','Price':30.49}]}}"),
                arguments("Charged with odd case and spacing still allows Items", "{'type':'event','identity':'u1',"
                        + "'evtName':' charged ','evtData':{'Items':[{'Name':'Shoe'}]}}"),
                arguments("event key with # is allowed", "{'type':'event','identity':'u1','evtName':'x','evtData':{'Order #':1}}"),
                arguments("scalar event values", "{'type':'event','identity':'u1','evtName':'x',"
                        + "'evtData':{'s':'a','n':1,'d':1.5,'b':true,'z':null,'date':'$D_1521649266'}}"),
                arguments("multi-value $add", "{'type':'profile','identity':'u1','profileData':{'Tags':{'$add':['a','b']}}}"),
                arguments("multi-value $remove", "{'type':'profile','identity':'u1','profileData':{'Tags':{'$remove':['a']}}}"),
                arguments("multi-value $set", "{'type':'profile','identity':'u1','profileData':{'Tags':{'$set':[]}}}"),
                arguments("channel flags", "{'type':'profile','identity':'u1','profileData':{'MSG-email':false,'MSG-push':true}}"),
                arguments("numeric Age", "{'type':'profile','identity':'u1','profileData':{'Age':18}}"),
                arguments("decimal Age string", "{'type':'profile','identity':'u1','profileData':{'Age':'18.5'}}"),
                arguments("Gender F, Employed N, Education School, Married N", "{'type':'profile','identity':'u1',"
                        + "'profileData':{'Gender':'F','Employed':'N','Education':'School','Married':'N'}}"),
                arguments("Education College", "{'type':'profile','identity':'u1','profileData':{'Education':'College'}}"),
                arguments("null standard field", "{'type':'profile','identity':'u1','profileData':{'Email':null}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRecords")
    void acceptsValidRecord(String description, String json) {
        assertThat(validator.validate(parse(json))).isEmpty();
    }

    static Stream<Arguments> invalidRecords() {
        return Stream.of(
                // 512: structure
                arguments("record is an array", "[1,2]", 512, "record"),
                arguments("record is a string", "'profile'", 512, "record"),
                arguments("evtData is a string", "{'type':'event','identity':'u1','evtName':'x','evtData':'a'}", 512, "evtData"),
                arguments("nested object in evtData", "{'type':'event','identity':'u1','evtName':'x','evtData':{'a':{'b':1}}}", 512,
                        "evtData.a"),
                arguments("array in evtData of a non-Charged event",
                        "{'type':'event','identity':'u1','evtName':'Purchase','evtData':{'Items':[{'a':1}]}}", 512, "evtData.Items"),
                arguments("Charged Items holding a nested object",
                        "{'type':'event','identity':'u1','evtName':'Charged','evtData':{'Items':[{'a':{'b':1}}]}}", 512,
                        "evtData.Items[0].a"),
                arguments("Charged Items holding a list",
                        "{'type':'event','identity':'u1','evtName':'Charged','evtData':{'Items':[{'a':1},[1]]}}", 512,
                        "evtData.Items[1]"),
                arguments("Charged with another nested property",
                        "{'type':'event','identity':'u1','evtName':'Charged','evtData':{'Other':[1]}}", 512, "evtData.Other"),
                arguments("profileData is an array", "{'type':'profile','identity':'u1','profileData':[1]}", 512, "profileData"),
                arguments("profile value is a plain array", "{'type':'profile','identity':'u1','profileData':{'Tags':['a']}}", 512,
                        "profileData.Tags"),
                arguments("unknown multi-value operator", "{'type':'profile','identity':'u1','profileData':{'Tags':{'$inc':['a']}}}",
                        512, "profileData.Tags"),
                arguments("two multi-value operators",
                        "{'type':'profile','identity':'u1','profileData':{'Tags':{'$add':['a'],'$remove':['b']}}}", 512,
                        "profileData.Tags"),
                arguments("multi-value of numbers", "{'type':'profile','identity':'u1','profileData':{'Tags':{'$add':['a',1]}}}", 512,
                        "profileData.Tags.$add[1]"),
                arguments("101 multi-values", profileWith("Tags", "{'$add':" + stringArray(101, "v") + "}"), 512,
                        "profileData.Tags.$add"),
                arguments("multi-value of 513 characters", profileWith("Tags", "{'$set':['" + "a".repeat(513) + "']}"), 512,
                        "profileData.Tags.$set[0]"),
                arguments("event key with a dot", "{'type':'event','identity':'u1','evtName':'x','evtData':{'a.b':1}}", 512, "evtData.a.b"),
                arguments("event key with a dollar", "{'type':'event','identity':'u1','evtName':'x','evtData':{'$a':1}}", 512, "evtData.$a"),
                arguments("event key with a colon", "{'type':'event','identity':'u1','evtName':'x','evtData':{'a:b':1}}", 512, "evtData.a:b"),
                arguments("event key with a backslash", "{'type':'event','identity':'u1','evtName':'x','evtData':{'a\\\\b':1}}", 512,
                        "evtData.a\\b"),
                arguments("empty event key", "{'type':'event','identity':'u1','evtName':'x','evtData':{'':1}}", 512, "evtData."),
                arguments("profile key with #", "{'type':'profile','identity':'u1','profileData':{'Order #':1}}", 512, "profileData.Order #"),
                arguments("profile key with a quote", "{'type':'profile','identity':'u1','profileData':{'it\\'s':1}}", 512,
                        "profileData.it's"),
                arguments("key of 121 characters", profileWith("k".repeat(121), "1"), 512, "profileData." + "k".repeat(121)),
                arguments("value of 514 UTF-8 bytes but 257 characters", profileWith("Name", "'" + "é".repeat(257) + "'"), 512,
                        "profileData.Name"),
                arguments("event value of 513 bytes", "{'type':'event','identity':'u1','evtName':'x','evtData':{'v':'" + "a".repeat(513)
                        + "'}}", 512, "evtData.v"),
                // 524: type
                arguments("token record", "{'type':'token','identity':'u1'}", 524, "type"),
                arguments("missing type", "{'identity':'u1'}", 524, "type"),
                arguments("type in another case", "{'type':'Profile','identity':'u1'}", 524, "type"),
                // 523: identifier
                arguments("no identifier", "{'type':'profile','profileData':{'Name':'x'}}", 523, "identity"),
                arguments("blank identity", "{'type':'profile','identity':'  '}", 523, "identity"),
                arguments("two identifiers", "{'type':'profile','identity':'u1','objectId':'o1'}", 523, "objectId"),
                arguments("identity is an object", "{'type':'profile','identity':{'id':1}}", 523, "identity"),
                arguments("GPID is a decimal", "{'type':'profile','GPID':1.5}", 523, "GPID"),
                // 525: timestamp
                arguments("ts zero", "{'type':'profile','identity':'u1','ts':0}", 525, "ts"),
                arguments("negative ts", "{'type':'profile','identity':'u1','ts':-5}", 525, "ts"),
                arguments("ts in milliseconds", "{'type':'profile','identity':'u1','ts':1521649266000}", 525, "ts"),
                arguments("ts beyond a long", "{'type':'profile','identity':'u1','ts':99999999999999999999}", 525, "ts"),
                arguments("ts as a string", "{'type':'profile','identity':'u1','ts':'1521649266'}", 525, "ts"),
                arguments("ts as a decimal", "{'type':'profile','identity':'u1','ts':1521649266.5}", 525, "ts"),
                arguments("ts as an ISO date", "{'type':'profile','identity':'u1','ts':'2018-03-21T18:21:06Z'}", 525, "ts"),
                // 509: event name
                arguments("missing evtName", "{'type':'event','identity':'u1','evtData':{'a':1}}", 509, "evtName"),
                arguments("blank evtName", "{'type':'event','identity':'u1','evtName':'  '}", 509, "evtName"),
                arguments("evtName is a number", "{'type':'event','identity':'u1','evtName':7}", 509, "evtName"),
                // 513: reserved event names, compared case- and space-insensitively
                arguments("App Launched", event("App Launched"), 513, "evtName"),
                arguments("app launched", event("app launched"), 513, "evtName"),
                arguments("spaced APP LAUNCHED", event("  APP   launched "), 513, "evtName"),
                arguments("AppLaunched without space", event("AppLaunched"), 513, "evtName"),
                arguments("notification viewed", event("notification viewed"), 513, "evtName"),
                arguments("Notification Sent", event("Notification Sent"), 513, "evtName"),
                arguments("UTM Visited", event("utm visited"), 513, "evtName"),
                arguments("Identity Error", event("IDENTITY ERROR"), 513, "evtName"),
                arguments("Stayed", event("Stayed"), 513, "evtName"),
                arguments("Reachable By", event("reachableby"), 513, "evtName"),
                // 522: property counts
                arguments("101 event properties", "{'type':'event','identity':'u1','evtName':'x','evtData':" + flatObject(101) + "}", 522,
                        "evtData"),
                arguments("257 profile keys", "{'type':'profile','identity':'u1','profileData':" + flatObject(257) + "}", 522,
                        "profileData"),
                // 514-520: standard profile fields
                arguments("Gender Male", profileWith("Gender", "'Male'"), 514, "profileData.Gender"),
                arguments("Email 1234", profileWith("Email", "'1234'"), 515, "profileData.Email"),
                arguments("Email $$$$$", profileWith("Email", "'$$$$$'"), 515, "profileData.Email"),
                arguments("Email without a dot in the domain", profileWith("Email", "'a@localhost'"), 515, "profileData.Email"),
                arguments("Phone +44+441234", profileWith("Phone", "'+44+441234'"), 516, "profileData.Phone"),
                arguments("Phone 223", profileWith("Phone", "'223'"), 516, "profileData.Phone"),
                arguments("Phone without +", profileWith("Phone", "'35922333232'"), 516, "profileData.Phone"),
                arguments("Phone as a number", profileWith("Phone", "35922333232"), 516, "profileData.Phone"),
                arguments("Employed 223", profileWith("Employed", "'223'"), 517, "profileData.Employed"),
                arguments("Education 223", profileWith("Education", "'223'"), 518, "profileData.Education"),
                arguments("Married maybe", profileWith("Married", "'maybe'"), 519, "profileData.Married"),
                arguments("Age aa", profileWith("Age", "'aa'"), 520, "profileData.Age"),
                arguments("Age boolean", profileWith("Age", "true"), 520, "profileData.Age"),
                // the first failing rule decides
                arguments("bad type before missing identifier", "{'type':'x'}", 524, "type"),
                arguments("bad ts before bad email", "{'type':'profile','identity':'u1','ts':0,'profileData':{'Email':'1'}}", 525, "ts"),
                arguments("bad key before bad email", "{'type':'profile','identity':'u1','profileData':{'Email':'1','a.b':1}}", 512,
                        "profileData.a.b"),
                arguments("bad email before bad phone", "{'type':'profile','identity':'u1','profileData':{'Phone':'1','Email':'1'}}", 515,
                        "profileData.Email"),
                arguments("missing identifier before missing event name", "{'type':'event'}", 523, "identity"));
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @MethodSource("invalidRecords")
    void rejectsInvalidRecord(String description, String json, int code, String field) {
        Optional<Rejection> rejection = validator.validate(parse(json));
        assertThat(rejection).as(description).isPresent();
        assertThat(rejection.get().code()).as(rejection.get().message()).isEqualTo(code);
        assertThat(rejection.get().field()).isEqualTo(field);
        assertThat(rejection.get().message()).isNotBlank().doesNotContain("Skipped record number");
    }

    @Test
    void acceptsExactlyTheLimits() {
        assertThat(validator.validate(parse("{'type':'event','identity':'u1','evtName':'x','evtData':" + flatObject(100) + "}"))).isEmpty();
        assertThat(validator.validate(parse("{'type':'profile','identity':'u1','profileData':" + flatObject(256) + "}"))).isEmpty();
        assertThat(validator.validate(parse(profileWith("k".repeat(120), "1")))).isEmpty();
        assertThat(validator.validate(parse(profileWith("Name", "'" + "é".repeat(256) + "'")))).isEmpty();
        assertThat(validator.validate(parse(profileWith("Tags", "{'$add':" + stringArray(100, "a".repeat(512)) + "}")))).isEmpty();
        assertThat(validator.validate(parse("{'type':'profile','identity':'u1','ts':9999999999}"))).isEmpty();
    }

    @Test
    void usesCleverTapsRecordedWordings() {
        assertThat(messageFor(profileWith("Email", "'1234'"))).isEqualTo("Profile data is incorrect. Email is not valid.");
        assertThat(messageFor(profileWith("Phone", "'223'"))).isEqualTo("Profile data is incorrect. Phone number is not valid.");
        assertThat(messageFor(profileWith("Employed", "'223'"))).isEqualTo("Profile data is incorrect. Employed needs to be Y/N.");
        assertThat(messageFor(profileWith("Education", "'223'")))
                .isEqualTo("Profile data is incorrect. Education needs to be School/College/Graduate..");
        assertThat(messageFor(profileWith("Married", "'223'"))).isEqualTo("Profile data is incorrect. Married needs to be Y/N.");
        assertThat(messageFor(profileWith("Age", "'aa'"))).isEqualTo("Profile data is incorrect. Age is invalid.");
        assertThat(messageFor("{'type':'profile','identity':'u1','ts':0}"))
                .isEqualTo("Timestamp should be present in the Unix Epoch format. ");
    }

    @Test
    void errorTextEndsWithTheRecordNumber() {
        Rejection rejection = validator.validate(parse("{'type':'profile','identity':'u1','ts':0}")).orElseThrow();
        assertThat(rejection.errorFor(1))
                .isEqualTo("Timestamp should be present in the Unix Epoch format. Skipped record number : 1");
        Rejection education = validator.validate(parse(profileWith("Education", "'1'"))).orElseThrow();
        assertThat(education.errorFor(2)).isEqualTo(
                "Profile data is incorrect. Education needs to be School/College/Graduate..Skipped record number : 2");
    }

    @Test
    void rejectsNullRecord() {
        assertThat(validator.validate(null)).contains(new Rejection(512, RecordValidator.NOT_AN_OBJECT, "record"));
    }

    @Test
    void theLocalTextIsCleverTapsWordsFollowedByTheField() {
        assertThat(validator.validate(parse(profileWith("Email", "'1234'")))).map(Rejection::describe)
                .contains("Profile data is incorrect. Email is not valid. (field profileData.Email)");
        assertThat(validator.validate(parse("{'type':'profile','identity':'u1','ts':0}"))).map(Rejection::describe)
                .contains("Timestamp should be present in the Unix Epoch format. (field ts)");
        assertThat(validator.validate(parse(profileWith("Education", "'1'")))).map(Rejection::describe)
                .contains("Profile data is incorrect. Education needs to be School/College/Graduate.. (field profileData.Education)");
        assertThat(validator.validate(parse(event("App Launched")))).map(Rejection::describe)
                .contains("Event name App Launched is restricted. (field evtName)");
    }

    @Test
    void theEventPropertyLimitCanBeRaised() {
        RecordValidator older = new RecordValidator(256);
        String event256 = "{'type':'event','identity':'u1','evtName':'x','evtData':" + flatObject(256) + "}";
        String event257 = "{'type':'event','identity':'u1','evtName':'x','evtData':" + flatObject(257) + "}";

        assertThat(validator.validate(parse(event256))).map(Rejection::code).contains(522);
        assertThat(older.validate(parse(event256))).isEmpty();
        assertThat(older.validate(parse(event257))).contains(
                new Rejection(522, "Event data has 257 properties. At most 256 are allowed.", "evtData"));
        assertThat(older.maxEventProperties()).isEqualTo(256);
        assertThatThrownBy(() -> new RecordValidator(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxEventProperties must be at least 1 but was 0");
    }

    @Test
    void readsJavaCollectionsArraysAndNumbersLikeTheirJsonCounterparts() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("Name", "Shoe");
        item.put("Price", 99.5f);
        Map<String, Object> evtData = new LinkedHashMap<>();
        evtData.put("Items", new Object[] { item, 'x', null });
        evtData.put("Short", (short) 3);
        Map<String, Object> charged = new LinkedHashMap<>();
        charged.put("type", "event");
        charged.put("identity", 1717L);
        charged.put("ts", java.math.BigInteger.valueOf(1_521_649_266L));
        charged.put("evtName", "Charged");
        charged.put("evtData", evtData);
        assertThat(validator.validate(charged)).isEmpty();

        Map<String, Object> tags = Map.of("$add", Set.of("a", "b"));
        assertThat(validator.validate(Map.of("type", "profile", "identity", "u1", "profileData", Map.of("Tags", tags))))
                .isEmpty();
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        assertThat(validator.validate(Map.of("type", "profile", "identity", "u1",
                "profileData", Map.of("Tags", Map.of("$set", withNull)))))
                .contains(new Rejection(512, "Invalid record structure. Multi-value property 'Tags' must hold strings only.",
                        "profileData.Tags.$set[0]"));
        assertThat(validator.validate(Map.of("type", "profile", "identity", "u1", "ts", 1_521_649_266.0)))
                .map(Rejection::code).contains(525);
    }

    @Test
    void recognisesTheChargedEventAsCleverTapComparesNames() {
        assertThat(RecordValidator.isChargedEvent("Charged")).isTrue();
        assertThat(RecordValidator.isChargedEvent(" CHAR ged ")).isTrue();
        assertThat(RecordValidator.isChargedEvent("Charged Back")).isFalse();
        assertThat(RecordValidator.isChargedEvent(null)).isFalse();
        assertThat(RecordValidator.isChargedEvent(7)).isFalse();
        assertThat(RecordValidator.isChargedEvent("Charge")).isFalse();
        assertThat(RecordValidator.isChargedEvent("Chargedd")).isFalse();
        // beyond ASCII: Unicode whitespace is dropped too, and other letters never match
        assertThat(RecordValidator.isChargedEvent("Char\u2003ged")).isTrue();
        assertThat(RecordValidator.isChargedEvent("Chärged")).isFalse();
        assertThat(new RecordValidator().validate(Map.of("type", "event", "identity", "u1",
                "evtName", "App\u2003Launched"))).map(Rejection::code).contains(513);
    }

    @Test
    void convertsJacksonTreesToPlainValues() throws Exception {
        Object plain = JsonValues.toJava(MAPPER.readTree(
                "{\"a\":[1,2.5,\"s\",true,null,{\"b\":12345678901}],\"c\":{}}"));
        Map<String, Object> expected = new LinkedHashMap<>();
        List<Object> list = new ArrayList<>(List.of(1, 2.5, "s", true));
        list.add(null);
        list.add(Map.of("b", 12_345_678_901L));
        expected.put("a", list);
        expected.put("c", Map.of());
        assertThat(plain).isEqualTo(expected);
        assertThat(JsonValues.toJava(null)).isNull();
        assertThat(JsonValues.toJava(MAPPER.nullNode())).isNull();
    }

    private String messageFor(String json) {
        return validator.validate(parse(json)).orElseThrow().message();
    }

    private static String event(String name) {
        return "{'type':'event','identity':'u1','evtName':'" + name + "'}";
    }

    private static String profileWith(String key, String jsonValue) {
        return "{'type':'profile','identity':'u1','profileData':{'" + key + "':" + jsonValue + "}}";
    }

    private static String flatObject(int properties) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < properties; i++) {
            json.append(i == 0 ? "" : ",").append("'p").append(i).append("':").append(i);
        }
        return json.append('}').toString();
    }

    private static String stringArray(int size, String value) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            json.append(i == 0 ? "" : ",").append('\'').append(value).append('\'');
        }
        return json.append(']').toString();
    }

    // Test data is written with single quotes for readability; \' stands for a literal quote inside a string.
    private static Object parse(String singleQuoted) {
        String json = singleQuoted.replace("\\'", "\u0000").replace('\'', '"').replace("\u0000", "'");
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("Bad test JSON: " + json, e);
        }
    }
}
