package dev.restate.patterns.testing.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Helpers shared by the child processes that fault tests start and kill. */
final class ChildProcesses {

  private static final int CONNECT_TIMEOUT_MILLIS = 500;

  private ChildProcesses() {}

  /** Returns true when a server accepts TCP connections on {@code port} of loopback. */
  static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Appends {@code text} to {@code logFile}, creating the file when needed. */
  static void appendToLog(Path logFile, String text) {
    try {
      Files.writeString(
          logFile,
          text,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + logFile, e);
    }
  }
}
