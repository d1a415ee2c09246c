package io.github.camelclevertap.component;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.component.upload.UploadAnswer;
import io.github.camelclevertap.component.upload.UploadClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up check of `verifyCredentials`: one upload of no records with `?dryRun=1`. CleverTap's documentation
 * describes no endpoint for checking credentials; an empty dry run is the least it can be asked, and stores nothing
 * even if the dry-run flag were ignored.
 */
final class CredentialCheck {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialCheck.class);

    private final UploadClient client;
    private final ObjectMapper mapper;
    private final String accountId;
    private final String authenticationHint;
    private final long timeoutMillis;

    CredentialCheck(UploadClient client, ObjectMapper mapper, String accountId, String authenticationHint,
                    long timeoutMillis) {
        this.client = client;
        this.mapper = mapper;
        this.accountId = accountId;
        this.authenticationHint = authenticationHint;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * @throws CleverTapException when CleverTap answers HTTP 401
     */
    void verify() throws InterruptedException {
        HttpResponse<byte[]> response;
        try {
            response = client.upload(List.of()).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            LOG.warn("Could not verify the CleverTap credentials of account {} at start-up ({}); starting anyway",
                    accountId, cause instanceof TimeoutException || cause instanceof IOException
                            ? cause.getClass().getSimpleName() : cause.toString());
            return;
        }
        int status = response.statusCode();
        if (status == 401) {
            throw new CleverTapException("CleverTap refused the credentials of account " + accountId + " (HTTP 401: "
                                         + UploadAnswer.errorText(mapper, response.body())
                                         + "): check the account id, the passcode and the region; "
                                         + authenticationHint);
        }
        if (status == 200) {
            LOG.debug("CleverTap accepted the credentials of account {}", accountId);
        } else {
            LOG.warn("Could not verify the CleverTap credentials of account {} at start-up (HTTP {}); starting anyway",
                    accountId, status);
        }
    }
}
