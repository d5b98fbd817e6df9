/**
 * What {@code /actuator/prometheus} shows beyond Spring's own meters (JVM, pool, {@code http.server.requests}):
 * figures about the queues, the renders and their ffmpeg processes, read from where they happen. Meters that are
 * one line beside what they measure (webhook attempts, upload sizes) live in their feature's package instead.
 * Names are Micrometer's dotted style under {@code montage.}; the Prometheus registry turns them into
 * {@code montage_..._total}, {@code _seconds}, {@code _bytes}. The list is in docs/deployment.md.
 */
package dev.montage.metrics;
