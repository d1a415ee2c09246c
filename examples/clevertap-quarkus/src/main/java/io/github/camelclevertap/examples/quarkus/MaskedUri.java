package io.github.camelclevertap.examples.quarkus;

import java.util.regex.Pattern;

/**
 * A URI as the app prints it: a proxy's URI may carry credentials ({@code http://user:secret@host}), which must not
 * reach the log.
 */
final class MaskedUri {

    private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/?#@]*@");

    private MaskedUri() {
    }

    /** The URI with its user-info, if any, replaced by {@code ***}. */
    static String of(String uri) {
        return USER_INFO.matcher(uri).replaceFirst("***@");
    }
}
