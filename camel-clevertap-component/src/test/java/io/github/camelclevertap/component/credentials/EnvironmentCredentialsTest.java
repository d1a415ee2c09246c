package io.github.camelclevertap.component.credentials;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentCredentialsTest {

    private final Map<String, String> environment = Map.of("CLEVERTAP_PASSCODE_W9R_Z5K_4X6Z", " pc-1 \n",
            "CLEVERTAP_PASSCODE_BLANK", "  ");
    private final EnvironmentCredentials credentials = new EnvironmentCredentials(environment::get);

    @Test
    void theVariableIsThePrefixAndTheAccountWithDashesAsUnderscores() {
        assertThat(EnvironmentCredentials.variableFor("W9R-Z5K-4X6Z")).isEqualTo("CLEVERTAP_PASSCODE_W9R_Z5K_4X6Z");
        assertThat(credentials.passcode("W9R-Z5K-4X6Z")).isEqualTo("pc-1");
    }

    @Test
    void anIdThatCouldShareItsVariableWithAnotherIsRefusedNamingTheRule() {
        for (String id : new String[] { "W9R_Z5K_4X6Z", "w9r-Z5K-4X6Z", "W9R.Z5K-4X6Z" }) {
            assertThatThrownBy(() -> credentials.passcode(id)).as(id).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Account id " + id)
                    .hasMessageContaining("upper-case letters A-Z, digits and '-'");
            assertThat(credentials.describe(id)).startsWith("no environment variable");
        }
    }

    @Test
    void aMissingOrBlankVariableIsNoPasscodeAndTheDescriptionNamesTheVariable() {
        assertThat(credentials.passcode("OTHER")).isNull();
        assertThat(credentials.passcode("BLANK")).isNull();
        assertThat(credentials.describe("W9R-Z5K-4X6Z"))
                .isEqualTo("the environment variable CLEVERTAP_PASSCODE_W9R_Z5K_4X6Z");
    }
}
