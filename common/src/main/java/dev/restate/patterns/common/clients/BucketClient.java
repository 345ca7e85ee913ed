package dev.restate.patterns.common.clients;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated object store in the style of Amazon S3. Creating a bucket returns its URL, and an
 * upload blocks for the duration that the caller passes, in place of a real transfer.
 *
 * <p>Call it inside a durable step ({@code ctx.run}), so a retried upload reuses the bucket that
 * was already created.
 */
public class BucketClient {

  private static final Logger log = LoggerFactory.getLogger(BucketClient.class);

  /** Base URL of the simulated store. A bucket's URL is this plus the bucket name and a slash. */
  public static final String STORE_URL = "https://s3-eu-central-1.amazonaws.com/";

  /** Creates a bucket and returns its URL, which ends with a slash. */
  public String createBucket(String bucketName) {
    String url = STORE_URL + bucketName + "/";
    log.info("bucket {}: created at {}", bucketName, url);
    return url;
  }

  /** Uploads data to the bucket at {@code bucketUrl}, blocking for {@code duration}. */
  public void upload(String bucketUrl, Duration duration) throws InterruptedException {
    log.info("upload to {}: started, ETA {} ms", bucketUrl, duration.toMillis());
    Thread.sleep(duration.toMillis());
    log.info("upload to {}: finished", bucketUrl);
  }
}
