package dev.montage.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NodeRolesTest {

    @ParameterizedTest(name = "\"{0}\" -> api {1}, worker {2}")
    @CsvSource(delimiter = '|', value = {
            "api,worker   | true  | true",
            "worker, api  | true  | true",
            "api          | true  | false",
            "worker       | false | true",
            "' worker , ' | false | true",
            "api,api      | true  | false"})
    void parsesTheRolesOfANode(String setting, boolean api, boolean worker) {
        NodeRoles roles = NodeRoles.parse(setting);

        assertThat(roles.api()).isEqualTo(api);
        assertThat(roles.worker()).isEqualTo(worker);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ",", " , "})
    void anEmptyListIsRefused(String setting) {
        assertThatThrownBy(() -> NodeRoles.parse(setting)).isInstanceOf(InvalidRolesException.class)
                .hasMessageContaining("montage.roles is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"wroker", "api,scheduler", "API", "api worker"})
    void anUnknownRoleIsRefusedByName(String setting) {
        assertThatThrownBy(() -> NodeRoles.parse(setting)).isInstanceOf(InvalidRolesException.class)
                .hasMessageContaining("montage.roles=" + setting).hasMessageContaining("unknown role");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"api,worker | api,worker", "worker,api | api,worker", "worker | worker"})
    void printsAsItIsWritten(String setting, String printed) {
        assertThat(NodeRoles.parse(setting)).hasToString(printed);
    }
}
