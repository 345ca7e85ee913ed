package dev.restate.patterns.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a {@link WithRestateServer} test a real Kafka broker that the shared restate-server reads
 * from.
 *
 * <p>The first test class of a JVM that carries this annotation starts the broker: a Kafka
 * container where a Docker engine responds and the Testcontainers Kafka module is on the classpath,
 * otherwise an in-process KRaft broker from spring-kafka-test. The restate-server then starts with
 * a configuration that names the broker as the Kafka cluster {@link #clusterName()}, so that
 * subscriptions from {@code kafka://<clusterName>/<topic>} work. The application's {@code
 * spring.kafka.bootstrap-servers} points at the broker, and a {@link KafkaTestBroker} bean gives
 * tests its address. Tests create their topics and subscriptions themselves, for example with
 * {@code dev.restate.patterns.support.kafka.KafkaTopics} and {@code KafkaSubscriptions}.
 *
 * <p>All test classes of a JVM share one broker and one server, so each test uses keys of its own.
 * A class without this annotation that runs first starts the server without the Kafka cluster, and
 * later classes with it then fail at start with a message that says so. Give every class of a
 * module that uses the server this annotation, with the same cluster name.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithKafkaBroker {

  /** The name of the Kafka cluster in the restate-server's configuration. */
  String clusterName() default "my-cluster";
}
