package dev.restate.patterns.support.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestateServerBinaryTest {

  @TempDir Path temp;

  @Test
  void variableWinsOverPath() throws Exception {
    Path fromVariable = executable(temp.resolve("custom").resolve("restate-server"));
    executable(temp.resolve("bin").resolve("restate-server"));

    Path found =
        RestateServerBinary.locate(
            Map.of(
                "RESTATE_SERVER_BIN",
                fromVariable.toString(),
                "PATH",
                temp.resolve("bin").toString()));

    assertThat(found).isEqualTo(fromVariable);
  }

  @Test
  void pathIsSearchedWithoutVariable() throws Exception {
    Path onPath = executable(temp.resolve("bin").resolve("restate-server"));

    Path found = RestateServerBinary.locate(Map.of("PATH", "/nonexistent:" + temp.resolve("bin")));

    assertThat(found).isEqualTo(onPath);
  }

  @Test
  void variableNamingNoExecutableIsRejected() {
    Path missing = temp.resolve("missing");

    assertThatThrownBy(
            () -> RestateServerBinary.locate(Map.of("RESTATE_SERVER_BIN", missing.toString())))
        .isInstanceOf(RestateServerUnavailableException.class)
        .hasMessage(
            "RESTATE_SERVER_BIN is set to " + missing + ", which is not an executable file");
  }

  @Test
  void nothingFoundSaysWhatToInstall() {
    Map<String, String> bareEnvironment =
        Map.of("PATH", temp.resolve("empty").toString(), "RESTATE_PATTERNS_CACHE", temp.toString());

    assertThatThrownBy(() -> RestateServerBinary.locate(bareEnvironment))
        .isInstanceOf(RestateServerUnavailableException.class)
        .hasMessageContaining("install Node.js with npm")
        .hasMessageContaining("RESTATE_SERVER_BIN")
        .hasMessageContaining(temp.toString());
  }

  @Test
  void cachedInstallIsFoundWithoutNpm() throws Exception {
    Path cached =
        executable(
            temp.resolve("restate-server-" + RestateServerBinary.VERSION)
                .resolve("node_modules/@restatedev/restate-server-linux-x64/bin/restate-server"));

    Path found =
        RestateServerBinary.locate(
            Map.of(
                "PATH",
                temp.resolve("empty").toString(),
                "RESTATE_PATTERNS_CACHE",
                temp.toString()));

    assertThat(found).isEqualTo(cached);
  }

  private static Path executable(Path path) throws Exception {
    Files.createDirectories(path.getParent());
    Files.writeString(path, "#!/bin/sh\n");
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    return path;
  }
}
