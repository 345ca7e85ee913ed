package dev.restate.patterns.common.web;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets a path variable contain an encoded slash ({@code %2F}), so that an id such as {@code a/b}
 * reaches the controller decoded. Restate keys may contain slashes, but Tomcat rejects a request
 * path with {@code %2F} by default, with a bare 400 page that names no problem.
 *
 * <p>Tomcat passes the {@code %2F} through undecoded. Spring MVC splits the path at real slashes
 * and decodes each segment, so the encoded slash stays inside its path variable and cannot change
 * which mapping matches. Add it to an application with {@code @Import(EncodedSlashPaths.class)}.
 */
@Configuration(proxyBeanMethods = false)
public class EncodedSlashPaths {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashPassThrough() {
    return factory ->
        factory.addConnectorCustomizers(
            connector ->
                connector.setEncodedSolidusHandling(
                    EncodedSolidusHandling.PASS_THROUGH.getValue()));
  }
}
