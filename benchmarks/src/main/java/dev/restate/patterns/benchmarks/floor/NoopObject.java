package dev.restate.patterns.benchmarks.floor;

import dev.restate.sdk.ObjectContext;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Name;
import dev.restate.sdk.springboot.RestateVirtualObject;

/**
 * A virtual object whose handler returns at once, without state or log lines. Keyed like the
 * product object of durable-rpc, so a call takes the same path through Restate: the ingress, the
 * partition leader, the per-key queue and one invocation of the endpoint.
 */
@RestateVirtualObject
@Name("noop")
public class NoopObject {

  /** Returns true and does nothing else. */
  @Handler
  public boolean call(ObjectContext ctx) {
    return true;
  }
}
