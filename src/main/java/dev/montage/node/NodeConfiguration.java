package dev.montage.node;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This node's {@link NodeRoles}, checked when the context starts: a wrong setting stops the start. */
@Configuration
class NodeConfiguration {

    @Bean
    NodeRoles nodeRoles(@Value("${" + NodeRoles.SETTING + ":api,worker}") String roles) {
        return NodeRoles.parse(roles);
    }
}
