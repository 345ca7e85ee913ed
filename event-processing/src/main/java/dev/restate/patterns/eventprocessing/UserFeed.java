package dev.restate.patterns.eventprocessing;

import static dev.restate.patterns.common.Validation.requirePresent;
import static dev.restate.patterns.common.Validation.requireText;

import dev.restate.patterns.common.clients.SocialMediaClient;
import dev.restate.patterns.common.clients.SocialMediaClient.ModerationStatus;
import dev.restate.patterns.common.json.StrictJsonSerdeFactory;
import dev.restate.sdk.ObjectContext;
import dev.restate.sdk.annotation.CustomSerdeFactory;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Name;
import dev.restate.sdk.annotation.Raw;
import dev.restate.sdk.springboot.RestateVirtualObject;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event processing with transactional handlers: posts from the Kafka topic social-media-posts go
 * into the feed of their user.
 *
 * <p>A virtual object keyed by user id, the Kafka record key. For each post it creates the post,
 * polls its content moderation with durable sleeps until it is done, and then updates the user's
 * feed. Every step is journaled, so after a crash the handler resumes with the same post id instead
 * of creating the post again. Restate runs the posts of one user one at a time, in topic order,
 * while a post waiting for moderation does not hold up other users. The module README walks through
 * the demo.
 */
@CustomSerdeFactory(StrictJsonSerdeFactory.class)
@RestateVirtualObject
@Name("userFeed")
public class UserFeed {

  private static final Logger log = LoggerFactory.getLogger(UserFeed.class);

  private final SocialMediaClient socialMedia;
  private final Duration moderationPollInterval;

  public UserFeed(SocialMediaClient socialMedia, EventProcessingSettings settings) {
    this.socialMedia = socialMedia;
    this.moderationPollInterval = settings.moderationPollInterval();
  }

  /** Creates the post, waits until its moderation is done and adds it to the feed of the user. */
  @Handler
  public void processPost(ObjectContext ctx, @Raw(contentType = "application/json") byte[] event) {
    SocialMediaPost post =
        EventReader.read(
            ctx,
            "user",
            event,
            SocialMediaPost.class,
            value -> {
              requireText("content", value.content());
              requirePresent("metadata", value.metadata());
            });
    String userId = ctx.key();

    // 1. Create the post. The journal keeps its id, so a retry goes on with this post.
    String postId =
        ctx.run("create post", String.class, () -> socialMedia.createPost(userId, post.content()));

    // 2. Poll the moderation. The durable sleep holds up only the later posts of this user.
    // NOTE: polls without limit, as the original does. Production code would give up after a
    // deadline and flag the post, so that one stuck post does not block its user's feed forever.
    int check = 1;
    while (ctx.run(
            "check moderation " + check,
            ModerationStatus.class,
            () -> socialMedia.moderationStatus(postId))
        == ModerationStatus.PENDING) {
      log.info(
          "user {}: post {} waits for moderation, next check in {} ms",
          userId,
          postId,
          moderationPollInterval.toMillis());
      ctx.sleep(moderationPollInterval);
      check++;
    }

    // 3. Publish the moderated post in the feed.
    ctx.run("update feed", () -> socialMedia.updateUserFeed(userId, postId));
    log.info("user {}: post {} is in the feed", userId, postId);
  }
}
