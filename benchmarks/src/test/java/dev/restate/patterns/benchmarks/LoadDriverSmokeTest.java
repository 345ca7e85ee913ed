package dev.restate.patterns.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.restate.patterns.benchmarks.driver.LoadDriver;
import dev.restate.patterns.benchmarks.driver.LoadResult;
import dev.restate.patterns.benchmarks.driver.LoadSpec;
import dev.restate.patterns.benchmarks.driver.Request;
import dev.restate.patterns.benchmarks.floor.FloorApplication;
import dev.restate.patterns.testing.RestateTestServer;
import dev.restate.patterns.testing.WithRestateServer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A seconds-long run of the load driver against the floor application and a real restate-server, so
 * the driver keeps working between benchmark runs. It checks that the driver counts and times
 * requests, not how fast they are.
 */
@SpringBootTest(classes = FloorApplication.class)
@WithRestateServer
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LoadDriverSmokeTest {

  @Autowired RestateTestServer restate;

  @Test
  void timedRunRecordsEveryRequest() {
    LoadSpec spec = LoadSpec.timed("smoke", ingress(), 4, Duration.ofSeconds(2));

    LoadResult result =
        LoadDriver.run(
            spec,
            (client, sequence) -> Request.post("/noop/smoke-" + client + "-" + sequence + "/call"),
            response -> response.status() == 200 && response.bodyText().equals("true"));

    assertThat(result.errors()).as(result.summary()).isZero();
    assertThat(result.requests()).isPositive();
    assertThat(result.seconds()).isGreaterThanOrEqualTo(2.0);
    assertThat(result.throughput()).isPositive();
    assertThat(result.p50Millis()).isPositive();
    assertThat(result.p90Millis()).isGreaterThanOrEqualTo(result.p50Millis());
    assertThat(result.p99Millis()).isGreaterThanOrEqualTo(result.p90Millis());
    assertThat(result.maxMillis()).isGreaterThanOrEqualTo(result.p99Millis());
  }

  @Test
  void countedRunStopsAtItsLimit() {
    LoadSpec spec =
        new LoadSpec(
            "counted", ingress(), 3, Duration.ofSeconds(60), 50, LoadSpec.DEFAULT_REQUEST_TIMEOUT);

    LoadResult result =
        LoadDriver.run(spec, (client, sequence) -> Request.post("/noop/counted/call"));

    assertThat(result.requests() + result.errors()).isEqualTo(50);
    assertThat(result.errors()).as(result.summary()).isZero();
  }

  @Test
  void unexpectedResponsesCountAsErrors() {
    LoadSpec spec = LoadSpec.timed("errors", ingress(), 1, Duration.ofSeconds(30));

    LoadResult result =
        LoadDriver.run(spec, (client, sequence) -> Request.post("/noop/key/noSuchHandler"));

    assertThat(result.requests()).isZero();
    assertThat(result.errors()).isEqualTo(100);
    assertThat(result.firstError()).contains("/noop/key/noSuchHandler returned 404");
    assertThat(result.seconds()).isLessThan(30);
  }

  @Test
  void targetOtherThanLoopbackIsRejected() {
    assertThatThrownBy(
            () ->
                LoadSpec.timed(
                    "remote", URI.create("http://192.0.2.1:8080"), 1, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only sends to loopback addresses");
  }

  private URI ingress() {
    return URI.create(restate.ingressUrl());
  }
}
