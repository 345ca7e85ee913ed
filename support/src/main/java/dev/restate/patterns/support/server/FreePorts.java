package dev.restate.patterns.support.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Picks TCP ports on loopback that are free at the time of the call. */
public final class FreePorts {

  private FreePorts() {}

  /**
   * Returns {@code count} distinct free ports. Another process may take one before it is used, so
   * callers that start a server on them retry with new ports when the start fails.
   */
  public static List<Integer> pick(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find a free port on loopback", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // The port is released either way.
        }
      }
    }
  }

  /** Returns true when nothing listens on {@code port} of {@code host}. */
  public static boolean isFree(String host, int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(host))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
