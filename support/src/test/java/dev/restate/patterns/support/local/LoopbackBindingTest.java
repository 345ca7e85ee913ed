package dev.restate.patterns.support.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.mockito.Mockito.mock;

import dev.restate.patterns.support.ListeningSockets;
import dev.restate.patterns.support.ListeningSockets.Socket;
import dev.restate.patterns.support.kafka.LocalKafkaProperties;
import dev.restate.patterns.support.kafka.LocalKafkaRunner;
import dev.restate.patterns.support.server.FreePorts;
import dev.restate.sdk.springboot.RestateHttpEndpointBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.support.GenericApplicationContext;

/**
 * What local-run support starts listens on loopback only: the restate-server that {@link
 * LocalRestateRunner} starts when none responds, and the in-process Kafka broker that {@link
 * LocalKafkaRunner} starts. The test reads the listening sockets from {@code /proc}, so it runs on
 * Linux only, and sends no traffic to other interfaces.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LoopbackBindingTest {

  @TempDir Path temp;

  @BeforeEach
  void requireProc() {
    assumeThat(ListeningSockets.available()).as("/proc with socket tables (Linux)").isTrue();
  }

  @Test
  void startedRestateServerListensOnLoopbackOnly() {
    List<Integer> ports = FreePorts.pick(3);
    int admin = ports.get(0);
    int ingress = ports.get(1);
    int node = ports.get(2);
    LocalRestateProperties properties =
        new LocalRestateProperties(
            true,
            "http://127.0.0.1:" + admin,
            true,
            false,
            true,
            "localhost",
            node,
            temp.resolve("restate-data"),
            null);
    LocalRestateRunner runner =
        new LocalRestateRunner(
            properties, mock(RestateHttpEndpointBean.class), "http://127.0.0.1:" + ingress);

    try (GenericApplicationContext context = new GenericApplicationContext()) {
      context.refresh();
      runner.onApplicationEvent(
          new ApplicationReadyEvent(
              new SpringApplication(), new String[0], context, Duration.ZERO));
      ProcessHandle server =
          ProcessHandle.current()
              .children()
              .filter(child -> child.info().command().orElse("").endsWith("restate-server"))
              .findFirst()
              .orElseThrow();

      List<Socket> sockets = ListeningSockets.of(server.pid());

      assertThat(sockets).extracting(Socket::port).contains(admin, ingress, node);
      assertThat(sockets).allMatch(Socket::isLoopback, "bound to a loopback address");
    } finally {
      runner.destroy();
    }
  }

  @Test
  void startedKafkaBrokerListensOnLoopbackOnly() throws Exception {
    long self = ProcessHandle.current().pid();
    Set<Socket> before = new HashSet<>(ListeningSockets.of(self));
    int port = FreePorts.pick(1).get(0);
    LocalKafkaRunner runner =
        new LocalKafkaRunner(
            new LocalKafkaProperties(true, "my-cluster", true, true, 1, true, List.of()),
            "localhost:" + port);

    try {
      runner.afterPropertiesSet();
      Set<Socket> opened = new HashSet<>(ListeningSockets.of(self));
      opened.removeAll(before);

      // The broker's client port, and the KRaft controller port it picks itself.
      assertThat(opened).extracting(Socket::port).contains(port);
      assertThat(opened).hasSizeGreaterThanOrEqualTo(2);
      assertThat(opened).allMatch(Socket::isLoopback, "bound to a loopback address");
    } finally {
      runner.destroy();
    }
  }
}
