package dev.restate.patterns.testing;

import dev.restate.client.Client;
import dev.restate.patterns.support.server.RestateAdminClient;

/** The restate-server that a test talks to. */
public interface RestateTestServer {

  /** The ingress base URL, for example {@code http://127.0.0.1:41234}. */
  String ingressUrl();

  /** The admin API base URL. */
  String adminUrl();

  /** Returns the URI under which the server reaches an endpoint listening on {@code port}. */
  String deploymentUri(int endpointPort);

  /** Stops the server; used at JVM exit. */
  void stop();

  default RestateAdminClient admin() {
    return new RestateAdminClient(adminUrl());
  }

  default Client client() {
    return Client.connect(ingressUrl());
  }
}
