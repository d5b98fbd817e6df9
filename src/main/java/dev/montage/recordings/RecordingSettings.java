package dev.montage.recordings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code montage.recordings.*} settings.
 *
 * @param maxUploadSize the largest recording upload; the servlet container's multipart limits follow it
 *                      (application.properties)
 */
@ConfigurationProperties("montage.recordings")
record RecordingSettings(@DefaultValue("2GB") DataSize maxUploadSize) {
}
