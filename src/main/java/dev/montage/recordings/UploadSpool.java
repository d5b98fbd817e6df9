package dev.montage.recordings;

import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.montage.node.NodeSettings;
import jakarta.servlet.MultipartConfigElement;

/**
 * Where the container spools an upload while it arrives: the owner-only {@code tmp} folder of the data folder, the
 * one the ingest spools to as well, never the container's temp folder under {@code /tmp}, where every local user
 * could read recordings in transit. Tomcat resolves a relative location against its own temp folder, so the
 * location is made absolute here; the limits stay those of the {@code spring.servlet.multipart} settings.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // not in a command-line run
class UploadSpool {

    @Bean
    MultipartConfigElement multipartConfigElement(MultipartProperties multipart, NodeSettings node) {
        MultipartConfigElement limits = multipart.createMultipartConfig();
        return new MultipartConfigElement(node.dataDir().resolve("tmp").toAbsolutePath().toString(),
                limits.getMaxFileSize(), limits.getMaxRequestSize(), limits.getFileSizeThreshold());
    }
}
