package dev.restate.patterns.messaging.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.restate.client.Client;
import dev.restate.patterns.common.clients.EmailClient;
import dev.restate.patterns.testing.WithRestateServer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every upload is slow here: it takes 4 seconds and the client waits 1. These settings give this
 * class an application context of its own, so its test waits for every call it starts.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "demo.messaging.upload.slow-share=1",
      "demo.messaging.upload.slow-duration=4s",
      "demo.messaging.upload.client-timeout=1s"
    })
@WithRestateServer
@ActiveProfiles("test")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SlowUploadTest {

  @Autowired TestRestTemplate http;
  @Autowired Client client;
  @Autowired EmailClient emailClient;

  @Test
  void slowUploadEmailsTheUrlOnce() {
    String userId = "user-" + UUID.randomUUID();
    String email = userId + "@example.com";

    ResponseEntity<UploadResponse> response = upload(userId, email);
    ResponseEntity<UploadResponse> repeated = upload(userId, email);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(response.getBody()).isEqualTo(UploadResponse.emailPending(userId, email));
    assertThat(repeated.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String url = DataUploaderClient.fromClient(client, userId).workflowHandle().attach().response();
    await().atMost(Duration.ofSeconds(30)).until(() -> !emailClient.sentTo(email).isEmpty());
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(30))
        .until(() -> emailClient.sentTo(email).size() == 1);
    assertThat(emailClient.sentTo(email).get(0).body()).isEqualTo("Find your data at " + url);
  }

  private ResponseEntity<UploadResponse> upload(String userId, String email) {
    return http.postForEntity(
        "/upload/{user}", new EmailRequest(email), UploadResponse.class, userId);
  }
}
