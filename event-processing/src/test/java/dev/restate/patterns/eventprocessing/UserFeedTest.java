package dev.restate.patterns.eventprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.restate.patterns.common.clients.SocialMediaClient;
import dev.restate.patterns.common.clients.SocialMediaClient.Post;
import dev.restate.patterns.testing.KafkaTestBroker;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithKafkaBroker;
import dev.restate.patterns.testing.WithRestateServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "demo.event-processing.moderation-poll-interval=200ms")
@WithRestateServer
@WithKafkaBroker
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class UserFeedTest {

  private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(45);

  @Autowired ScriptedModeration socialMedia;
  @Autowired RestateTestServer restate;
  @Autowired KafkaTestBroker broker;
  @Autowired TestRestTemplate http;
  @Autowired KafkaTemplate<String, String> kafka;

  @BeforeEach
  void subscribe() {
    DemoTopics.ensureSubscriptions(restate, broker);
  }

  @Test
  void pendingModerationHoldsUpOnlyItsUser() {
    String slowUser = uniqueUser();
    String fastUser = uniqueUser();
    socialMedia.hold(slowUser);

    DemoTopics.publish(
        http,
        DemoTopics.POSTS,
        slowUser + ":{\"content\": \"Hi! This is my first post!\", \"metadata\": \"public\"}",
        fastUser + ":{\"content\": \"Hi! This is my first post!\", \"metadata\": \"public\"}");

    await().atMost(PROCESSING_TIMEOUT).until(() -> socialMedia.feed(fastUser).size() == 1);
    await().atMost(PROCESSING_TIMEOUT).until(() -> socialMedia.pendingChecks(slowUser) >= 3);
    assertThat(socialMedia.feed(slowUser)).isEmpty();

    socialMedia.release(slowUser);

    await().atMost(PROCESSING_TIMEOUT).until(() -> socialMedia.feed(slowUser).size() == 1);
    assertThat(socialMedia.feed(slowUser).get(0).content()).isEqualTo("Hi! This is my first post!");
  }

  @Test
  void oneUsersPostsKeepPublishOrder() {
    String user = uniqueUser();
    socialMedia.pendFirstChecks(user, 2);

    DemoTopics.publish(
        http,
        DemoTopics.POSTS,
        user + ":{\"content\": \"first\", \"metadata\": \"public\"}",
        user + ":{\"content\": \"second\", \"metadata\": \"public\"}",
        user + ":{\"content\": \"third\", \"metadata\": \"public\"}");

    await().atMost(PROCESSING_TIMEOUT).until(() -> socialMedia.feed(user).size() == 3);
    assertThat(socialMedia.feed(user))
        .extracting(Post::content)
        .containsExactly("first", "second", "third");
  }

  @Test
  void malformedPostsAreSkippedAndNextIsProcessed() {
    String user = uniqueUser();

    DemoTopics.publish(
        http,
        DemoTopics.POSTS,
        user + ":{\"content\": \"unterminated",
        user + ":{\"metadata\": \"public\"}",
        user + ":{\"content\": \"   \", \"metadata\": \"public\"}",
        user + ":{\"content\": \"valid\", \"metadata\": \"public\"}");

    await().atMost(PROCESSING_TIMEOUT).until(() -> socialMedia.feed(user).size() == 1);
    assertThat(socialMedia.feed(user)).extracting(Post::content).containsExactly("valid");
  }

  @Test
  void recordWithoutKeyIsRejected() throws Exception {
    // The publisher endpoint requires a key, so this record goes out through Spring Kafka directly.
    SendResult<String, String> sent =
        kafka
            .send(DemoTopics.POSTS, null, "{\"content\": \"no key\", \"metadata\": \"public\"}")
            .get(30, TimeUnit.SECONDS);
    long offset = sent.getRecordMetadata().offset();

    String failure =
        await()
            .atMost(PROCESSING_TIMEOUT)
            .until(() -> failureAtOffset(offset), found -> !found.isEmpty());
    assertThat(failure)
        .isEqualTo(
            "[400] Rejected Kafka record (topic social-media-posts, partition 0, offset "
                + offset
                + ", key ''): the record has no key, which must be the user id");
  }

  @Test
  void postOverHttpReachesFeed() throws Exception {
    String user = uniqueUser();

    HttpResponse<String> response =
        ingressPost(
            "/userFeed/" + user + "/processPost",
            "{\"content\": \"Hi! This is my first post!\", \"metadata\": \"public\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(socialMedia.feed(user))
        .extracting(Post::content)
        .containsExactly("Hi! This is my first post!");
  }

  @Test
  void postWithoutContentOverHttpIsRejected() throws Exception {
    HttpResponse<String> response =
        ingressPost("/userFeed/" + uniqueUser() + "/processPost", "{\"metadata\": \"public\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("Rejected request: content is missing");
  }

  /** Returns the failure of the userFeed invocation of the record at {@code offset}, or "". */
  private String failureAtOffset(long offset) {
    return restate
        .admin()
        .query(
            "SELECT completion_failure FROM sys_invocation WHERE target_service_name = 'userFeed'"
                + " AND target_service_key = '' AND completion_failure LIKE '%offset "
                + offset
                + ",%'")
        .stream()
        .map(row -> row.path("completion_failure").asText())
        .findFirst()
        .orElse("");
  }

  private HttpResponse<String> ingressPost(String path, String json) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(restate.ingressUrl() + path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static String uniqueUser() {
    return "user-" + UUID.randomUUID();
  }

  /**
   * The simulated platform with a moderation that the test steers per user instead of by chance:
   * done at the first check unless the user is held or has pending checks left.
   */
  static class ScriptedModeration extends SocialMediaClient {

    private final Set<String> heldUsers = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> pendingChecksPerPost = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> pendingChecksSoFar = new ConcurrentHashMap<>();
    private final Map<String, Integer> firstChecksPending = new ConcurrentHashMap<>();

    ScriptedModeration() {
      super(0);
    }

    void hold(String userId) {
      heldUsers.add(userId);
    }

    void release(String userId) {
      heldUsers.remove(userId);
    }

    /** Lets the first {@code checks} moderation checks of each post of the user be pending. */
    void pendFirstChecks(String userId, int checks) {
      firstChecksPending.put(userId, checks);
    }

    int pendingChecks(String userId) {
      return pendingChecksSoFar.getOrDefault(userId, new AtomicInteger()).get();
    }

    @Override
    public String createPost(String userId, String content) {
      String postId = super.createPost(userId, content);
      pendingChecksPerPost.put(postId, firstChecksPending.getOrDefault(userId, 0));
      return postId;
    }

    @Override
    public ModerationStatus moderationStatus(String postId) {
      String userId = post(postId).map(Post::userId).orElseThrow();
      int pendingLeft = pendingChecksPerPost.merge(postId, -1, Integer::sum);
      if (heldUsers.contains(userId) || pendingLeft >= 0) {
        pendingChecksSoFar.computeIfAbsent(userId, id -> new AtomicInteger()).incrementAndGet();
        return ModerationStatus.PENDING;
      }
      return ModerationStatus.DONE;
    }
  }

  @TestConfiguration
  static class ScriptedModerationConfiguration {

    @Bean
    @Primary
    ScriptedModeration scriptedModeration() {
      return new ScriptedModeration();
    }
  }
}
