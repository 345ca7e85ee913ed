package dev.restate.patterns.durablerpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.restate.client.Client;
import dev.restate.patterns.support.server.FreePorts;
import dev.restate.patterns.support.server.RestateAdminClient;
import dev.restate.patterns.support.server.RestateServerBinary;
import dev.restate.patterns.support.server.RestateServerProcess;
import dev.restate.patterns.support.server.RestateServerSettings;
import dev.restate.patterns.testing.RequestSigningKeys;
import dev.restate.sdk.springboot.RestateHttpEndpointBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With {@code restate.sdk.identity-key} set, the endpoint accepts only requests signed by the
 * Restate server that holds the matching private key.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RequestIdentityTest {

  @TempDir static Path temp;

  static RestateServerProcess server;
  static ConfigurableApplicationContext app;
  static int endpointPort;

  @BeforeAll
  static void startSigningServerAndApplication() throws Exception {
    RequestSigningKeys keys = RequestSigningKeys.generate();
    Path keyFile = keys.writePrivateKey(temp.resolve("signing-key.pem"));
    List<Integer> ports = FreePorts.pick(3);
    RestateServerSettings settings =
        new RestateServerSettings(
            RestateServerSettings.LOOPBACK,
            ports.get(0),
            ports.get(1),
            ports.get(2),
            temp.resolve("data"),
            Paths.get("target", "restate-server", "request-identity.log").toAbsolutePath(),
            null,
            Map.of(RequestSigningKeys.SERVER_KEY_FILE_VARIABLE, keyFile.toString()));
    server = new RestateServerProcess(RestateServerBinary.locate(), settings).start();

    app =
        new SpringApplicationBuilder(DurableRpcApplication.class)
            .run(
                "--server.port=0",
                "--restate.local.enabled=false",
                "--restate.sdk.http.port=0",
                "--restate.sdk.identity-key=" + keys.publicKeyIdentity(),
                "--restate.client.base-uri=" + server.ingressUrl());
    endpointPort = app.getBean(RestateHttpEndpointBean.class).actualPort();
    new RestateAdminClient(server.adminUrl())
        .registerDeployment("http://127.0.0.1:" + endpointPort, true);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void signedCallThroughServerWorks() {
    boolean reserved =
        ProductServiceClient.fromClient(Client.connect(server.ingressUrl()), "signed-product")
            .reserve();

    assertThat(reserved).isTrue();
  }

  @Test
  void unsignedCallToEndpointIsRejected() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpointPort + "/discover"))
                    .header("accept", "application/vnd.restate.endpointmanifest.v3+json")
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
  }
}
