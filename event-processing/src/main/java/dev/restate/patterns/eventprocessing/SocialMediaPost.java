package dev.restate.patterns.eventprocessing;

/**
 * A post that a user publishes, as it arrives on the {@code social-media-posts} topic.
 *
 * @param content the text of the post
 * @param metadata free-form data about the post, for example its visibility {@code public}
 */
public record SocialMediaPost(String content, String metadata) {}
