package dev.restate.patterns.common.clients;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated social media platform: it stores posts, runs content moderation on them and keeps
 * each user's feed. Posts and feed entries live in memory, so a demo or a test can see which posts
 * reached which feed and in which order.
 *
 * <p>Content moderation takes a while: each status check returns {@link ModerationStatus#PENDING}
 * with the configured probability and {@link ModerationStatus#DONE} otherwise. Call every method
 * inside a durable step ({@code ctx.run}): post ids and moderation results are random, and Restate
 * must record them so that a retried handler sees the same ones.
 */
public class SocialMediaClient {

  private static final Logger log = LoggerFactory.getLogger(SocialMediaClient.class);

  /** Number of posts and of feed entries kept in memory; older ones are dropped first. */
  static final int MAX_KEPT_ENTRIES = 10_000;

  /** The result of a content moderation status check. */
  public enum ModerationStatus {
    PENDING,
    DONE
  }

  /** A post as the platform stored it. */
  public record Post(String postId, String userId, String content) {}

  private final double pendingRate;
  private final Random random;
  private final Map<String, Post> posts = new LinkedHashMap<>();
  private final Deque<Post> feedEntries = new ArrayDeque<>();

  /**
   * Creates the platform.
   *
   * @param pendingRate the probability, from 0 to 1, that a moderation check returns {@code
   *     PENDING}; 0 finishes moderation at the first check, 1 never finishes it
   */
  public SocialMediaClient(double pendingRate) {
    this(pendingRate, new Random());
  }

  public SocialMediaClient(double pendingRate, Random random) {
    if (pendingRate < 0 || pendingRate > 1) {
      throw new IllegalArgumentException("pendingRate must be between 0 and 1, got " + pendingRate);
    }
    this.pendingRate = pendingRate;
    this.random = random;
  }

  /** Stores a new post of {@code userId} and returns its id. Moderation starts right away. */
  public String createPost(String userId, String content) {
    String postId = UUID.randomUUID().toString();
    synchronized (posts) {
      if (posts.size() == MAX_KEPT_ENTRIES) {
        posts.remove(posts.keySet().iterator().next());
      }
      posts.put(postId, new Post(postId, userId, content));
    }
    log.info("post {}: created for user {} with content: {}", postId, userId, content);
    return postId;
  }

  /** Returns the moderation status of a post. */
  public ModerationStatus moderationStatus(String postId) {
    if (random.nextDouble() < pendingRate) {
      log.info("post {}: content moderation still pending", postId);
      return ModerationStatus.PENDING;
    }
    log.info("post {}: content moderation done", postId);
    return ModerationStatus.DONE;
  }

  /** Adds a post to the feed of {@code userId}. */
  public void updateUserFeed(String userId, String postId) {
    String content = post(postId).map(Post::content).orElse(null);
    synchronized (feedEntries) {
      if (feedEntries.size() == MAX_KEPT_ENTRIES) {
        feedEntries.removeFirst();
      }
      feedEntries.addLast(new Post(postId, userId, content));
    }
    log.info("feed {}: added post {}", userId, postId);
  }

  /** Returns a stored post, or empty when it was never created here or was dropped since. */
  public Optional<Post> post(String postId) {
    synchronized (posts) {
      return Optional.ofNullable(posts.get(postId));
    }
  }

  /**
   * Returns the kept posts in the feed of {@code userId}, in the order they were added. The content
   * is null for a post that this instance did not create.
   */
  public List<Post> feed(String userId) {
    synchronized (feedEntries) {
      return feedEntries.stream().filter(post -> post.userId().equals(userId)).toList();
    }
  }
}
