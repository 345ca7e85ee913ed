package dev.restate.patterns.eventprocessing;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo settings of the event processing patterns, under {@code demo.event-processing}. The defaults
 * are those of the TypeScript original.
 *
 * @param moderationPollInterval how long {@code userFeed} sleeps between two checks of a post's
 *     content moderation
 * @param moderationPendingRate the probability, from 0 to 1, that a moderation check returns
 *     pending
 * @param topics the Kafka topics that {@code POST /publish/{topic}} accepts
 */
@ConfigurationProperties(prefix = "demo.event-processing")
public record EventProcessingSettings(
    @DefaultValue("5s") Duration moderationPollInterval,
    @DefaultValue("0.8") double moderationPendingRate,
    @DefaultValue({"social-media-posts", "package-location-updates"}) List<String> topics) {}
