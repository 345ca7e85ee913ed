package dev.restate.patterns.messaging.upload;

import static dev.restate.patterns.common.Validation.requireNoSpaces;
import static dev.restate.patterns.common.Validation.requirePrintableAscii;
import static dev.restate.patterns.common.Validation.requireText;

import dev.restate.client.Client;
import dev.restate.client.Response;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Async data upload, the client side: starts the upload workflow and waits a few seconds for its
 * URL. When the upload takes longer, it stops waiting and calls the workflow's {@code
 * resultAsEmail} instead, so the caller gets a response within the timeout either way.
 */
@Component
public class UploadClient {

  private static final Logger log = LoggerFactory.getLogger(UploadClient.class);

  /** Maximum length of a user id, which is the workflow key. */
  static final int MAX_USER_ID_LENGTH = 256;

  private final Client restate;
  private final UploadProperties properties;

  public UploadClient(Client restate, UploadProperties properties) {
    this.restate = restate;
    this.properties = properties;
  }

  /**
   * Uploads the user's data and returns the URL, or, when that takes longer than the client
   * timeout, arranges for the URL to be emailed. The workflow runs once per user id: a second call
   * for the same id reports the first upload.
   */
  public UploadResponse upload(String userId, String email) {
    requireText("userId", userId, MAX_USER_ID_LENGTH);
    DataUploader.requireEmail(email);
    // NOTE: the Restate Java client 2.4.1 writes a space in the workflow key as '+', and the email
    // goes as the idempotency-key header, which the JDK's HTTP client sends only in ASCII.
    requireNoSpaces("userId", userId);
    requirePrintableAscii("email", email);
    DataUploaderClient.IngressClient uploader = DataUploaderClient.fromClient(restate, userId);

    // 1. Start the workflow. A second submission for the same user id attaches to the first.
    log.info("user {}: starting upload", userId);
    uploader.submit();

    // 2. Wait a bounded time for the result.
    try {
      String url =
          uploader
              .workflowHandle()
              .attachAsync()
              .orTimeout(properties.clientTimeout().toMillis(), TimeUnit.MILLISECONDS)
              .thenApply(Response::response)
              .get();
      log.info("user {}: fast upload, URL {}", userId, url);
      return UploadResponse.uploaded(userId, url);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TimeoutException)) {
        throw unwrap(e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the upload of " + userId, e);
    }

    // 3. Too slow: ask for the URL by email. One-way, and with the address as idempotency key,
    // so asking twice for the same address sends one email.
    log.info(
        "user {}: upload slower than {} ms, URL will be emailed to {}",
        userId,
        properties.clientTimeout().toMillis(),
        email);
    uploader
        .send()
        .resultAsEmail(new EmailRequest(email), request -> request.idempotencyKey(email));
    return UploadResponse.emailPending(userId, email);
  }

  /** Rethrows the cause of a failed wait, so the web layer can map a Restate error. */
  private static RuntimeException unwrap(ExecutionException e) {
    if (e.getCause() instanceof RuntimeException runtime) {
      return runtime;
    }
    return new CompletionException(e.getCause());
  }
}
