package dev.restate.patterns.support.local;

import dev.restate.patterns.support.server.RestateServerSettings;

/**
 * Adjusts the settings of a restate-server that the local-run support starts, for example to pass a
 * configuration file with a Kafka cluster. Declare an implementation as a bean; it has no effect on
 * a server that was already running.
 */
@FunctionalInterface
public interface LocalRestateServerCustomizer {

  /** Returns the settings to start the server with, based on {@code settings}. */
  RestateServerSettings customize(RestateServerSettings settings);
}
