package dev.restate.patterns.messaging.upload;

import static dev.restate.patterns.common.Validation.badRequest;
import static dev.restate.patterns.common.Validation.quote;
import static dev.restate.patterns.common.Validation.requirePresent;
import static dev.restate.patterns.common.Validation.requireText;

import dev.restate.patterns.common.clients.BucketClient;
import dev.restate.patterns.common.clients.EmailClient;
import dev.restate.patterns.common.json.StrictJsonSerdeFactory;
import dev.restate.sdk.SharedWorkflowContext;
import dev.restate.sdk.WorkflowContext;
import dev.restate.sdk.annotation.CustomSerdeFactory;
import dev.restate.sdk.annotation.Name;
import dev.restate.sdk.annotation.Shared;
import dev.restate.sdk.annotation.Workflow;
import dev.restate.sdk.common.DurablePromiseKey;
import dev.restate.sdk.springboot.RestateWorkflow;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Async data upload: a slow synchronous task that a client can turn into an asynchronous one.
 *
 * <p>A workflow keyed by user id, which runs once per id. {@code run} creates a bucket, uploads
 * into it and returns the bucket URL; it also resolves the durable promise {@code url}. A client
 * that has waited long enough calls {@code resultAsEmail} instead, which waits on that promise and
 * mails the URL once the upload is done. The {@link UploadClient} does both. The module README
 * walks through the demo.
 */
@CustomSerdeFactory(StrictJsonSerdeFactory.class)
@RestateWorkflow
@Name("dataUploader")
public class DataUploader {

  private static final Logger log = LoggerFactory.getLogger(DataUploader.class);

  private static final DurablePromiseKey<String> URL = DurablePromiseKey.of("url", String.class);

  private final UploadProperties properties;
  private final BucketClient bucketClient;
  private final EmailClient emailClient;

  public DataUploader(
      UploadProperties properties, BucketClient bucketClient, EmailClient emailClient) {
    this.properties = properties;
    this.bucketClient = bucketClient;
    this.emailClient = emailClient;
  }

  /** Creates a bucket, uploads the user data into it and returns the bucket URL. */
  @Workflow
  public String run(WorkflowContext ctx) {
    String userId = ctx.key();

    // 1. Create the bucket. Its name comes from Restate's random, so a retry uses the same name.
    String bucketName = Long.toHexString(ctx.random().nextLong() >>> 1);
    String url =
        ctx.run("create bucket", String.class, () -> bucketClient.createBucket(bucketName));

    // 2. Upload. Whether this upload is a slow one is drawn from Restate's random as well.
    Duration duration =
        ctx.random().nextDouble() < properties.slowShare()
            ? properties.slowDuration()
            : properties.fastDuration();
    log.info("user {}: uploading to {}, takes {} ms", userId, url, duration.toMillis());
    ctx.run("upload data", () -> bucketClient.upload(url, duration));

    // 3. Resolve the promise, so that a waiting resultAsEmail can send the URL.
    ctx.promiseHandle(URL).resolve(url);
    log.info("user {}: upload finished", userId);
    return url;
  }

  /** Waits until the upload is done, then emails its URL to the given address. */
  @Shared
  public void resultAsEmail(SharedWorkflowContext ctx, EmailRequest request) {
    requirePresent("email request", request);
    requireEmail(request.email());
    String userId = ctx.key();

    // 1. Wait for the URL. The promise outlives crashes, so this wait does too.
    log.info("user {}: slow upload, URL will be emailed to {}", userId, request.email());
    String url = ctx.promise(URL).future().await();

    // 2. Send it.
    ctx.run(
        "email url",
        () ->
            emailClient.send(request.email(), "Your data is uploaded", "Find your data at " + url));
  }

  /** Rejects a missing or blank address, or one without an {@code @} inside, with a 400. */
  static String requireEmail(String email) {
    requireText("email", email, 254);
    int at = email.indexOf('@');
    if (at <= 0 || at == email.length() - 1) {
      throw badRequest("email must be an email address, got " + quote(email));
    }
    return email;
  }
}
