package dev.restate.patterns.messaging.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.restate.client.Client;
import dev.restate.client.IngressException;
import dev.restate.patterns.common.clients.BucketClient;
import dev.restate.patterns.common.clients.EmailClient;
import dev.restate.patterns.messaging.MessagingTest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Every upload is fast here (application-test.properties); see SlowUploadTest for the other. */
@MessagingTest
class UploadControllerTest {

  @Autowired TestRestTemplate http;
  @Autowired Client client;
  @Autowired EmailClient emailClient;

  @Test
  void fastUploadReturnsTheUrl() {
    String userId = uniqueUserId();
    String email = userId + "@example.com";

    ResponseEntity<UploadResponse> response = upload(userId, email);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    UploadResponse body = response.getBody();
    assertThat(body.status()).isEqualTo("UPLOADED");
    assertThat(body.url()).startsWith(BucketClient.STORE_URL).endsWith("/");
    assertThat(body.url())
        .isEqualTo(
            DataUploaderClient.fromClient(client, userId).workflowHandle().attach().response());
    assertThat(emailClient.sentTo(email)).isEmpty();
  }

  @Test
  void secondUploadOfSameUserReturnsTheFirstUrl() {
    String userId = uniqueUserId();
    String email = userId + "@example.com";

    UploadResponse first = upload(userId, email).getBody();
    UploadResponse second = upload(userId, email).getBody();

    assertThat(second.url()).isEqualTo(first.url());
  }

  @Test
  void uploadWithoutEmailIsRejected() {
    ResponseEntity<JsonNode> response =
        http.postForEntity(
            "/upload/{user}", new EmailRequest(null), JsonNode.class, uniqueUserId());

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().path("detail").asText()).isEqualTo("email is missing");
  }

  @Test
  void uploadWithInvalidEmailIsRejected() {
    ResponseEntity<JsonNode> response =
        http.postForEntity(
            "/upload/{user}", new EmailRequest("nobody"), JsonNode.class, uniqueUserId());

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().path("detail").asText())
        .isEqualTo("email must be an email address, got 'nobody'");
  }

  @Test
  void resultAsEmailWithoutEmailFailsWith400() {
    IngressException error =
        catchThrowableOfType(
            IngressException.class,
            () ->
                DataUploaderClient.fromClient(client, uniqueUserId())
                    .resultAsEmail(new EmailRequest(" ")));

    assertThat(error.getStatusCode()).isEqualTo(400);
    assertThat(new String(error.getResponseBody(), StandardCharsets.UTF_8))
        .contains("email must not be empty");
  }

  private ResponseEntity<UploadResponse> upload(String userId, String email) {
    return http.postForEntity(
        "/upload/{user}", new EmailRequest(email), UploadResponse.class, userId);
  }

  private static String uniqueUserId() {
    return "user-" + UUID.randomUUID();
  }
}
