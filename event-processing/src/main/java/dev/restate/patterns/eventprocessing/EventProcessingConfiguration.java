package dev.restate.patterns.eventprocessing;

import dev.restate.patterns.common.clients.SocialMediaClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The simulated downstream system of the user feed and the demo settings. */
@Configuration
@EnableConfigurationProperties(EventProcessingSettings.class)
public class EventProcessingConfiguration {

  @Bean
  SocialMediaClient socialMediaClient(EventProcessingSettings settings) {
    return new SocialMediaClient(settings.moderationPendingRate());
  }
}
