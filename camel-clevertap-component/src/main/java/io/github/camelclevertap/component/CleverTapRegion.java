package io.github.camelclevertap.component;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The regions CleverTap hosts accounts in; every account lives in exactly one.
 */
public enum CleverTapRegion {
    EU1,
    IN1,
    US1,
    SG1,
    APS3,
    MEC1,
    SK1;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String baseUri() {
        return "https://" + id() + ".api.clevertap.com";
    }

    /**
     * Looks a region up by its id; only the known ids are accepted, so nothing can steer requests to another host.
     */
    public static CleverTapRegion of(String id) {
        for (CleverTapRegion region : values()) {
            if (region.id().equals(id)) {
                return region;
            }
        }
        throw new IllegalArgumentException(
                "Option region must be one of " + ids() + " but was '" + id + "'");
    }

    public static String ids() {
        return Arrays.stream(values()).map(CleverTapRegion::id).collect(Collectors.joining(", "));
    }
}
