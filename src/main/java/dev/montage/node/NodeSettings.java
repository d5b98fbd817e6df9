package dev.montage.node;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of the node itself, at the top of {@code montage.*}: what it does and where it keeps its files.
 *
 * @param roles   what this node does: {@code api} serves {@code /v2}, {@code worker} renders compositions with
 *                ffmpeg, or both (comma-separated); an unknown role or an empty list stops the start
 * @param dataDir the folder of the embedded database, the local blobs, the first API key and the scratch of renders
 *                and uploads; kept owner-only
 */
@ConfigurationProperties("montage")
public record NodeSettings(@DefaultValue("api,worker") String roles, @DefaultValue("./data") Path dataDir) {

    /** The settings of a node with both roles keeping its files in {@code dataDir}. */
    public static NodeSettings inFolder(Path dataDir) {
        return new NodeSettings("api,worker", dataDir);
    }
}
