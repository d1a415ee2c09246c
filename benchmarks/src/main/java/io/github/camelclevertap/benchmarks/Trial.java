package io.github.camelclevertap.benchmarks;

import java.net.URI;

/**
 * The parameters of one run of one case.
 *
 * @param baseUri        where the emulator listens
 * @param accountId      the case's own account (the component's in-flight limit is per account and JVM-wide)
 * @param passcode       the account's passcode
 * @param records        how many records to send
 * @param window         the most single-record exchanges a sender keeps waiting for an answer
 * @param batchTimeoutMs the component's batchTimeout and the aggregator's completionTimeout
 */
record Trial(URI baseUri, String accountId, String passcode, long records, int window, long batchTimeoutMs) {

    URI uploadUri() {
        return URI.create(baseUri + "/1/upload");
    }

    String clevertapUri(String type) {
        return "clevertap:" + type + "?region=eu1&accountId=" + accountId + "&passcode=" + passcode + "&baseUri="
               + baseUri + "&batchTimeout=" + batchTimeoutMs;
    }
}
