package dev.restate.patterns.messaging;

import dev.restate.patterns.testing.WithRestateServer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * A test of the messaging application against a real restate-server, with the short delays of
 * {@code application-test.properties}.
 *
 * <p>All classes with this annotation share one application context. That matters here: a delayed
 * call scheduled by one test class runs on whichever deployment is registered when it fires, and
 * with one context that is always the same application and the same recording clients.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRestateServer
@ActiveProfiles("test")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
public @interface MessagingTest {}
