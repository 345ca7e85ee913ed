package dev.restate.patterns.statefulactors;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the simulated machines, under {@code demo.stateful-actors}. The defaults are those of
 * the TypeScript demo.
 *
 * @param transitionDuration how long bringing a machine up or tearing it down takes
 * @param failureRate share of transition starts that fail, between 0 and 1
 * @param crashProcess halt the JVM on a failure instead of throwing; application.properties sets it
 *     from the environment variable {@code CRASH_PROCESS}
 */
@ConfigurationProperties(prefix = "demo.stateful-actors")
public record StatefulActorsDemoProperties(
    @DefaultValue("5s") Duration transitionDuration,
    @DefaultValue("0.4") double failureRate,
    @DefaultValue("false") boolean crashProcess) {}
