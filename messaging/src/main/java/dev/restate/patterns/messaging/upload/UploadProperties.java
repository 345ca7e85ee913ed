package dev.restate.patterns.messaging.upload;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo settings of the data upload.
 *
 * @param fastDuration how long a fast upload takes
 * @param slowDuration how long a slow upload takes
 * @param slowShare the share of uploads that are slow, from 0 (none) to 1 (all)
 * @param clientTimeout how long the upload client waits for the URL before it requests the URL by
 *     email
 */
@ConfigurationProperties("demo.messaging.upload")
public record UploadProperties(
    @DefaultValue("1500ms") Duration fastDuration,
    @DefaultValue("10s") Duration slowDuration,
    @DefaultValue("0.5") double slowShare,
    @DefaultValue("5s") Duration clientTimeout) {

  public UploadProperties {
    if (slowShare < 0 || slowShare > 1) {
      throw new IllegalArgumentException(
          "demo.messaging.upload.slow-share must be between 0 and 1, got " + slowShare);
    }
  }
}
