package dev.restate.patterns.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@code @SpringBootTest} against a real restate-server.
 *
 * <p>The first test class of a JVM that carries this annotation starts a restate-server on free
 * loopback ports with a temporary data folder; later classes share it. Before each test class, the
 * application's Restate endpoint (on a free port) is registered with that server, and the
 * application's {@link dev.restate.client.Client} bean points at its ingress. Inject {@link
 * RestateTestServer} for the ingress and admin URLs and an admin client.
 *
 * <p>The server's log is written to {@code target/restate-server/}. Tests share the server, so each
 * test uses keys of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithRestateServer {}
