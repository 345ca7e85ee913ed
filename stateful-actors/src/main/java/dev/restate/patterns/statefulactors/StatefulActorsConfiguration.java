package dev.restate.patterns.statefulactors;

import dev.restate.patterns.common.clients.EffectLog;
import dev.restate.patterns.common.clients.MachineClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The simulated machines that the machine operator drives. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StatefulActorsDemoProperties.class)
class StatefulActorsConfiguration {

  @Bean
  EffectLog effectLog() {
    return new EffectLog();
  }

  @Bean
  MachineClient machineClient(EffectLog effects, StatefulActorsDemoProperties demo) {
    return new MachineClient(effects, demo.failureRate(), demo.crashProcess());
  }
}
