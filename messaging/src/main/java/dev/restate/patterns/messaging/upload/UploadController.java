package dev.restate.patterns.messaging.upload;

import static dev.restate.patterns.common.Validation.requirePresent;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web front of the data upload: {@code POST /upload/{userId}} with the email address in the
 * body responds with 200 with the URL of a fast upload, or 202 when the URL will be emailed.
 */
@RestController
public class UploadController {

  private final UploadClient uploadClient;

  public UploadController(UploadClient uploadClient) {
    this.uploadClient = uploadClient;
  }

  @PostMapping("/upload/{userId}")
  public ResponseEntity<UploadResponse> upload(
      @PathVariable String userId, @RequestBody EmailRequest request) {
    requirePresent("email request", request);

    UploadResponse response = uploadClient.upload(userId, request.email());
    HttpStatus status = response.isUploaded() ? HttpStatus.OK : HttpStatus.ACCEPTED;
    return ResponseEntity.status(status).body(response);
  }
}
