package dev.montage.jobs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code montage.jobs.*} settings: how a node runs the durable job queues (db-scheduler).
 *
 * @param threads               compositions this node composes at once; the rest wait in the queue; 0 (the default)
 *                              means one per two cores, as an ffmpeg encode keeps about two busy
 * @param pollingInterval       how soon a node finds a job another node scheduled (its own start at once)
 * @param heartbeatInterval     how often a node tells the database its jobs are alive
 * @param missedHeartbeatsLimit heartbeats a node may miss before its jobs are run again elsewhere
 * @param shutdownGrace         on SIGTERM, how long a running render (or webhook delivery) may take to finish; after
 *                              that it is stopped and its job handed back to the queue at once
 * @param autoStart             for tests: {@code false} keeps this node from running any job (and, unless
 *                              {@code montage.webhooks.auto-start} says otherwise, any webhook delivery), so a test
 *                              drives the queue by hand; a production node uses {@code montage.roles} instead
 */
@ConfigurationProperties("montage.jobs")
public record JobSettings(@DefaultValue("0") int threads, @DefaultValue("1s") Duration pollingInterval,
        @DefaultValue("5s") Duration heartbeatInterval, @DefaultValue("4") int missedHeartbeatsLimit,
        @DefaultValue("30s") Duration shutdownGrace, @DefaultValue("true") boolean autoStart) {
}
