package dev.restate.patterns.support.local;

import dev.restate.sdk.springboot.RestateHttpEndpointBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Local-run support of the pattern modules. Active by default; {@code restate.local.enabled=false}
 * turns it off, and a module copied without the {@code support} dependency runs without it.
 */
@AutoConfiguration
@ConditionalOnBean(RestateHttpEndpointBean.class)
@EnableConfigurationProperties(LocalRestateProperties.class)
public class LocalRestateAutoConfiguration {

  @Bean
  EndpointStartupCheck restateEndpointStartupCheck(Environment environment) {
    return new EndpointStartupCheck(environment);
  }

  @Bean
  @ConditionalOnProperty(prefix = "restate.local", name = "enabled", matchIfMissing = true)
  LocalRestateRunner localRestateRunner(
      LocalRestateProperties properties,
      RestateHttpEndpointBean endpoint,
      @Value("${restate.client.base-uri:http://localhost:8080}") String ingressUrl,
      ObjectProvider<LocalRestateServerCustomizer> serverCustomizers) {
    return new LocalRestateRunner(
        properties, endpoint, ingressUrl, serverCustomizers.orderedStream().toList());
  }
}
