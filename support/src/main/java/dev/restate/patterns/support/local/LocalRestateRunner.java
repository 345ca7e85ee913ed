package dev.restate.patterns.support.local;

import dev.restate.patterns.support.server.RestateAdminClient;
import dev.restate.patterns.support.server.RestateServerBinary;
import dev.restate.patterns.support.server.RestateServerProcess;
import dev.restate.patterns.support.server.RestateServerSettings;
import dev.restate.sdk.springboot.RestateHttpEndpointBean;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Makes a local run work with one command: once the application is ready, it checks for a Restate
 * server at the configured admin URL, starts one when none responds, and registers this
 * application's endpoint with it. Each step logs one line. Then it publishes a {@link
 * LocalRestateReadyEvent} for steps that need the registered services.
 *
 * <p>A server started here is a child process. It stops with the application on a graceful shutdown
 * or Ctrl-C, but outlives a crash of the JVM, so the invocations of a crashed application wait in
 * the server and resume once the application is back.
 */
public class LocalRestateRunner
    implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(LocalRestateRunner.class);

  private final LocalRestateProperties properties;
  private final RestateHttpEndpointBean endpoint;
  private final String ingressUrl;
  private final List<LocalRestateServerCustomizer> serverCustomizers;
  private RestateServerProcess startedServer;

  public LocalRestateRunner(
      LocalRestateProperties properties, RestateHttpEndpointBean endpoint, String ingressUrl) {
    this(properties, endpoint, ingressUrl, List.of());
  }

  /**
   * @param serverCustomizers applied in order to the settings of a server started here
   */
  public LocalRestateRunner(
      LocalRestateProperties properties,
      RestateHttpEndpointBean endpoint,
      String ingressUrl,
      List<LocalRestateServerCustomizer> serverCustomizers) {
    this.properties = properties;
    this.endpoint = endpoint;
    this.ingressUrl = ingressUrl;
    this.serverCustomizers = List.copyOf(serverCustomizers);
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    RestateAdminClient admin = new RestateAdminClient(properties.adminUrl());

    // 1. Use the server that responds at the admin URL, or start one.
    if (admin.isHealthy()) {
      log.info("Using the Restate server at {} (ingress {})", properties.adminUrl(), ingressUrl);
    } else if (properties.startServer()) {
      startServer();
    } else {
      log.warn(
          "No Restate server responds at {} and restate.local.start-server=false: start one, then"
              + " register http://{}:{}",
          properties.adminUrl(),
          properties.endpointHost(),
          endpoint.actualPort());
      return;
    }
    log.info("Restate UI: {}", properties.adminUrl());

    // 2. Register this application's endpoint, so the server can route calls to its services.
    List<String> services = List.of();
    if (properties.register() && endpoint.actualPort() > 0) {
      String uri = "http://" + properties.endpointHost() + ":" + endpoint.actualPort();
      services = admin.registerDeployment(uri, properties.force());
      log.info("Registered deployment {} with services {}", uri, services);
    }

    // 3. Let later steps use the server, for example to subscribe the services to Kafka topics.
    event
        .getApplicationContext()
        .publishEvent(new LocalRestateReadyEvent(this, admin, services, startedServer != null));
  }

  @Override
  public void destroy() {
    if (startedServer != null && startedServer.isAlive()) {
      log.info(
          "Stopping the restate-server this application started (pid {})", startedServer.pid());
      startedServer.stop();
    }
  }

  private void startServer() {
    URI admin = URI.create(properties.adminUrl());
    URI ingress = URI.create(ingressUrl);
    RestateServerSettings settings =
        new RestateServerSettings(
            RestateServerSettings.LOOPBACK,
            admin.getPort(),
            ingress.getPort(),
            properties.nodePort(),
            properties.effectiveDataDir(),
            properties.serverLogFile(),
            properties.configFile(),
            Map.of());
    for (LocalRestateServerCustomizer customizer : serverCustomizers) {
      settings = customizer.customize(settings);
    }
    startedServer = new RestateServerProcess(RestateServerBinary.locate(), settings).start();
    log.info(
        "Started restate-server {} (pid {}) on {}, data in {}, log in {}",
        RestateServerBinary.VERSION,
        startedServer.pid(),
        RestateServerSettings.LOOPBACK,
        settings.dataDir(),
        settings.logFile());
  }
}
