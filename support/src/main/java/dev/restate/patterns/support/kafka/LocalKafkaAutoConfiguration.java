package dev.restate.patterns.support.kafka;

import dev.restate.patterns.support.local.LocalRestateAutoConfiguration;
import dev.restate.sdk.springboot.RestateHttpEndpointBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The Kafka part of the local-run support, for modules with Kafka's client on the classpath. {@code
 * restate.local.enabled=false} or {@code restate.local.kafka.enabled=false} turns it off.
 */
@AutoConfiguration(after = LocalRestateAutoConfiguration.class)
@ConditionalOnClass(name = "org.apache.kafka.clients.admin.Admin")
@ConditionalOnBean(RestateHttpEndpointBean.class)
@ConditionalOnExpression("${restate.local.enabled:true} and ${restate.local.kafka.enabled:true}")
@EnableConfigurationProperties(LocalKafkaProperties.class)
public class LocalKafkaAutoConfiguration {

  @Bean
  LocalKafkaRunner localKafkaRunner(
      LocalKafkaProperties properties,
      @Value("${spring.kafka.bootstrap-servers:localhost:9092}") String bootstrapServers) {
    return new LocalKafkaRunner(properties, bootstrapServers);
  }
}
