package dev.restate.patterns.testing;

import dev.restate.client.Client;
import dev.restate.patterns.support.server.FreePorts;
import dev.restate.patterns.support.server.RestateAdminClient;
import dev.restate.patterns.support.server.RestateServerBinary;
import dev.restate.patterns.support.server.RestateServerProcess;
import dev.restate.patterns.support.server.RestateServerSettings;
import dev.restate.sdk.springboot.RestateHttpEndpointBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A restate-server that signs its requests to deployments, with a module's application started with
 * the matching public key ({@code restate.sdk.identity-key}) and registered with it. Tests use it
 * to show that the endpoint rejects unsigned requests and serves signed ones.
 *
 * <p>Both run on free loopback ports, the server with a temporary data folder. Its log is written
 * to {@code target/restate-server/request-identity.log}. Close it to stop both.
 */
public final class SigningRestateServer implements AutoCloseable {

  /** The endpoint's discovery path, which restate-server calls when it registers a deployment. */
  public static final String DISCOVERY_PATH = "/discover";

  private static final String DISCOVERY_ACCEPT = "application/vnd.restate.endpointmanifest.v3+json";

  private final Path dir;
  private final RestateServerProcess server;
  private final ConfigurableApplicationContext application;
  private final int endpointPort;
  private final HttpClient http = HttpClient.newHttpClient();

  private SigningRestateServer(
      Path dir,
      RestateServerProcess server,
      ConfigurableApplicationContext application,
      int endpointPort) {
    this.dir = dir;
    this.server = server;
    this.application = application;
    this.endpointPort = endpointPort;
  }

  /**
   * Starts a signing restate-server, then {@code applicationClass} with the public key and {@code
   * applicationArgs} (for example {@code --spring.profiles.active=test}), and registers the
   * application's endpoint with the server.
   */
  public static SigningRestateServer start(Class<?> applicationClass, String... applicationArgs) {
    Path dir = createTempDir();
    RestateServerProcess server = null;
    try {
      RequestSigningKeys keys = RequestSigningKeys.generate();
      Path keyFile = keys.writePrivateKey(dir.resolve("signing-key.pem"));
      List<Integer> ports = FreePorts.pick(3);
      RestateServerSettings settings =
          new RestateServerSettings(
              RestateServerSettings.LOOPBACK,
              ports.get(0),
              ports.get(1),
              ports.get(2),
              dir.resolve("data"),
              Paths.get("target", "restate-server", "request-identity.log").toAbsolutePath(),
              null,
              Map.of(
                  RequestSigningKeys.SERVER_KEY_FILE_VARIABLE,
                  keyFile.toString(),
                  "RESTATE_DEFAULT_NUM_PARTITIONS",
                  "4"));
      server = new RestateServerProcess(RestateServerBinary.locate(), settings).start();

      List<String> args = new ArrayList<>();
      args.add("--server.port=0");
      args.add("--restate.local.enabled=false");
      args.add("--restate.sdk.http.port=0");
      args.add("--restate.sdk.identity-key=" + keys.publicKeyIdentity());
      args.add("--restate.client.base-uri=" + server.ingressUrl());
      args.addAll(List.of(applicationArgs));
      ConfigurableApplicationContext application =
          new SpringApplicationBuilder(applicationClass).run(args.toArray(String[]::new));
      int endpointPort = application.getBean(RestateHttpEndpointBean.class).actualPort();
      new RestateAdminClient(server.adminUrl())
          .registerDeployment(
              "http://" + RestateServerSettings.LOOPBACK + ":" + endpointPort, true);
      return new SigningRestateServer(dir, server, application, endpointPort);
    } catch (IOException e) {
      stopQuietly(server, dir);
      throw new UncheckedIOException("Could not write the request signing key", e);
    } catch (RuntimeException e) {
      stopQuietly(server, dir);
      throw e;
    }
  }

  /** Returns the ingress of the signing server, for example {@code http://127.0.0.1:41234}. */
  public String ingressUrl() {
    return server.ingressUrl();
  }

  /** Returns a client of the signing server's ingress. */
  public Client client() {
    return Client.connect(server.ingressUrl());
  }

  /** Returns the port of the application's Restate endpoint. */
  public int endpointPort() {
    return endpointPort;
  }

  public ConfigurableApplicationContext application() {
    return application;
  }

  /**
   * Sends an unsigned request straight to the endpoint, past the server, and returns its status:
   * {@code GET /discover}, or {@code POST /invoke/<service>/<handler>} for a path of that form.
   */
  public int unsignedRequestStatus(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://" + RestateServerSettings.LOOPBACK + ":" + endpointPort + path))
            .timeout(Duration.ofSeconds(30));
    if (path.equals(DISCOVERY_PATH)) {
      request.header("accept", DISCOVERY_ACCEPT).GET();
    } else {
      request
          .header("content-type", "application/vnd.restate.invocation.v5")
          .POST(HttpRequest.BodyPublishers.noBody());
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException("Request to the endpoint at " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while calling the endpoint", e);
    }
  }

  /** Stops the application, then the server, and deletes the server's data. */
  @Override
  public void close() {
    application.close();
    stopQuietly(server, dir);
  }

  private static void stopQuietly(RestateServerProcess server, Path dir) {
    if (server != null) {
      server.stop();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A leftover folder in the temporary directory does no harm.
    }
  }

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("restate-signing-");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a folder for the signing server", e);
    }
  }
}
