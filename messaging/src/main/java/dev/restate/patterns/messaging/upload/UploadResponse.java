package dev.restate.patterns.messaging.upload;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The upload client's result: the URL when the upload finished in time, otherwise the address that
 * gets the URL by email.
 *
 * @param userId the user whose data is uploaded
 * @param status {@code UPLOADED} or {@code EMAIL_PENDING}
 * @param url the bucket URL, when uploaded
 * @param email the address that gets the URL, when the email is pending
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UploadResponse(String userId, String status, String url, String email) {

  static UploadResponse uploaded(String userId, String url) {
    return new UploadResponse(userId, "UPLOADED", url, null);
  }

  static UploadResponse emailPending(String userId, String email) {
    return new UploadResponse(userId, "EMAIL_PENDING", null, email);
  }

  boolean isUploaded() {
    return url != null;
  }
}
