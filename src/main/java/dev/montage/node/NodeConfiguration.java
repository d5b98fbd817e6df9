package dev.montage.node;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This node's {@link NodeRoles}, checked when the context starts: a wrong setting stops the start. */
@Configuration
@EnableConfigurationProperties(NodeSettings.class)
class NodeConfiguration {

    @Bean
    NodeRoles nodeRoles(NodeSettings settings) {
        return NodeRoles.parse(settings.roles());
    }
}
