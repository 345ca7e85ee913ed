package dev.restate.patterns.benchmarks.driver;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One persistent HTTP/1.1 connection that sends a request and reads its response, one at a time.
 *
 * <p>The load driver keeps one per client, so the driver's own cost per request is a write and a
 * read on a blocking socket, close to what wrk spends. It handles what the Restate ingress and
 * Spring MVC send back: responses with a {@code Content-Length}, chunked responses and {@code
 * Connection: close}.
 */
public final class HttpConnection implements AutoCloseable {

  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final int MAX_HEADER_LINE = 8 * 1024;

  private final InetSocketAddress address;
  private final int readTimeoutMillis;
  private final String hostHeader;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  public HttpConnection(InetSocketAddress address, int readTimeoutMillis) {
    this.address = address;
    this.readTimeoutMillis = readTimeoutMillis;
    this.hostHeader = address.getHostString() + ":" + address.getPort();
  }

  /**
   * Sends {@code request} and returns the response, opening the connection first when needed.
   *
   * @throws IOException when the connection fails or the response is not valid HTTP/1.1; the
   *     connection is closed then, and the next call opens a new one
   */
  public Response send(Request request) throws IOException {
    try {
      if (socket == null) {
        open();
      }
      write(request);
      return read();
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // Closing a broken connection; nothing more to do.
      }
      socket = null;
    }
  }

  private void open() throws IOException {
    Socket opened = new Socket();
    opened.setTcpNoDelay(true);
    opened.setSoTimeout(readTimeoutMillis);
    opened.connect(address, CONNECT_TIMEOUT_MILLIS);
    socket = opened;
    in = new BufferedInputStream(opened.getInputStream(), 16 * 1024);
    out = new BufferedOutputStream(opened.getOutputStream(), 16 * 1024);
  }

  private void write(Request request) throws IOException {
    StringBuilder head = new StringBuilder(256);
    head.append(request.method())
        .append(' ')
        .append(request.path())
        .append(" HTTP/1.1\r\nHost: ")
        .append(hostHeader)
        .append("\r\n");
    request
        .headers()
        .forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    byte[] body = request.body();
    if (body.length > 0) {
      head.append("Content-Type: application/json\r\n");
    }
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  private Response read() throws IOException {
    String statusLine = readLine();
    if (!statusLine.startsWith("HTTP/1.")) {
      throw new IOException("Invalid HTTP status line from " + hostHeader + ": " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long contentLength = -1;
    boolean chunked = false;
    boolean closeAfter = statusLine.startsWith("HTTP/1.0");
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> contentLength = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> closeAfter = value.equalsIgnoreCase("close");
        default -> {
          // Other headers do not matter to the driver.
        }
      }
    }
    byte[] body;
    if (chunked) {
      body = readChunkedBody();
    } else if (contentLength >= 0) {
      body = in.readNBytes((int) contentLength);
      if (body.length < contentLength) {
        throw new EOFException("Response body from " + hostHeader + " ended early");
      }
    } else {
      // No length and not chunked: the body runs until the server closes the connection.
      body = in.readAllBytes();
      closeAfter = true;
    }
    if (closeAfter) {
      close();
    }
    return new Response(status, body);
  }

  private byte[] readChunkedBody() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine();
      int extension = sizeLine.indexOf(';');
      int size =
          Integer.parseInt(
              (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
      if (size == 0) {
        // Trailers, if any, end with an empty line.
        while (!readLine().isEmpty()) {
          // Skip the trailer.
        }
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length < size) {
        throw new EOFException("Chunked response from " + hostHeader + " ended early");
      }
      body.write(chunk);
      readLine();
    }
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("Connection to " + hostHeader + " closed by the server");
      }
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      if (line.length() >= MAX_HEADER_LINE) {
        throw new IOException("HTTP header line from " + hostHeader + " is too long");
      }
      line.append((char) b);
    }
  }

  /** The status code and body of a response. */
  public record Response(int status, byte[] body) {

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }
}
