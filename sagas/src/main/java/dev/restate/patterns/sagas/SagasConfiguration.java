package dev.restate.patterns.sagas;

import dev.restate.patterns.common.clients.CarRentalClient;
import dev.restate.patterns.common.clients.EffectLog;
import dev.restate.patterns.common.clients.FlightClient;
import dev.restate.patterns.common.clients.PaymentClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The simulated airline, car rental and payment provider that the booking saga talks to. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SagasDemoProperties.class)
class SagasConfiguration {

  @Bean
  EffectLog effectLog() {
    return new EffectLog();
  }

  @Bean
  FlightClient flightClient(EffectLog effects) {
    return new FlightClient(effects);
  }

  @Bean
  CarRentalClient carRentalClient(EffectLog effects) {
    return new CarRentalClient(effects);
  }

  @Bean
  PaymentClient paymentClient(EffectLog effects, SagasDemoProperties demo) {
    return new PaymentClient(effects, demo.paymentDeclineRate(), demo.paymentFailureRate());
  }
}
