package dev.restate.patterns.benchmarks.driver;

/** Builds the requests of a workload. Called by many client threads at once. */
@FunctionalInterface
public interface RequestSource {

  /**
   * Returns the next request of a client.
   *
   * @param client the client's index, from 0 to the number of clients minus one
   * @param sequence how many requests this client has sent before, starting at 0
   */
  Request next(int client, long sequence);
}
