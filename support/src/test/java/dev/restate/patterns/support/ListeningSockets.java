package dev.restate.patterns.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads which TCP sockets a process listens on, and on which address, from Linux's {@code /proc}:
 * the socket inodes among the process's open files ({@code /proc/<pid>/fd}), matched with the
 * sockets in LISTEN state of {@code /proc/net/tcp} and {@code /proc/net/tcp6}. No connection is
 * made, so the check works without sending traffic to any other interface.
 */
public final class ListeningSockets {

  /** The state column's value for a listening socket, TCP_LISTEN in the kernel's numbering. */
  private static final String LISTEN = "0A";

  private static final List<Path> TABLES =
      List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

  private ListeningSockets() {}

  /** A listening socket: the local address and port it is bound to. */
  public record Socket(InetAddress address, int port) {

    public boolean isLoopback() {
      return address.isLoopbackAddress();
    }

    @Override
    public String toString() {
      return address.getHostAddress() + ":" + port;
    }
  }

  /** Returns whether this machine has the {@code /proc} files that this class reads. */
  public static boolean available() {
    return Files.isReadable(TABLES.get(0)) && Files.isDirectory(Path.of("/proc/self/fd"));
  }

  /** Returns the sockets that process {@code pid} listens on. */
  public static List<Socket> of(long pid) {
    Set<String> inodes = socketInodes(pid);
    List<Socket> sockets = new ArrayList<>();
    for (Path table : TABLES) {
      if (!Files.isReadable(table)) {
        continue;
      }
      List<String> lines = readLines(table);
      // The first line names the columns.
      for (String line : lines.subList(1, lines.size())) {
        String[] columns = line.trim().split("\\s+");
        if (columns[3].equals(LISTEN) && inodes.contains(columns[9])) {
          sockets.add(parse(columns[1]));
        }
      }
    }
    return sockets;
  }

  /** Collects the inodes of the sockets among a process's open files, {@code socket:[inode]}. */
  private static Set<String> socketInodes(long pid) {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> files = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path file : files.toList()) {
        try {
          String target = Files.readSymbolicLink(file).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (IOException e) {
          // The file was closed between listing and reading: it is no socket of interest.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list the open files of process " + pid, e);
    }
    return inodes;
  }

  /**
   * Parses {@code 0100007F:1F90}: the address as 32-bit words in the machine's byte order, then the
   * port in hexadecimal.
   */
  private static Socket parse(String localAddress) {
    String[] parts = localAddress.split(":");
    byte[] words = HexFormat.of().parseHex(parts[0]);
    byte[] address = words.clone();
    if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
      for (int word = 0; word < words.length; word += 4) {
        for (int i = 0; i < 4; i++) {
          address[word + i] = words[word + 3 - i];
        }
      }
    }
    try {
      return new Socket(InetAddress.getByAddress(address), Integer.parseInt(parts[1], 16));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("Unexpected address " + localAddress, e);
    }
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file, e);
    }
  }
}
