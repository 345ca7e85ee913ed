package dev.restate.patterns.support.local;

import dev.restate.patterns.support.server.RestateAdminClient;
import java.util.List;
import org.springframework.context.ApplicationEvent;

/**
 * Published by the local-run support once a Restate server responds and this application's
 * deployment is registered with it, so that later steps (such as creating Kafka subscriptions to
 * the registered handlers) can run. It is not published when no server responds.
 */
public class LocalRestateReadyEvent extends ApplicationEvent {

  private final transient RestateAdminClient admin;
  private final List<String> registeredServices;
  private final boolean serverStartedHere;

  public LocalRestateReadyEvent(
      Object source,
      RestateAdminClient admin,
      List<String> registeredServices,
      boolean serverStartedHere) {
    super(source);
    this.admin = admin;
    this.registeredServices = List.copyOf(registeredServices);
    this.serverStartedHere = serverStartedHere;
  }

  /** Returns a client of the server's admin API. */
  public RestateAdminClient admin() {
    return admin;
  }

  /** Returns the services registered at this start, empty when registration is turned off. */
  public List<String> registeredServices() {
    return registeredServices;
  }

  /** Returns whether this application started the server, rather than finding one running. */
  public boolean serverStartedHere() {
    return serverStartedHere;
  }
}
