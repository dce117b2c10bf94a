package io.mouthpiece.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client sends (oversized headers, a
 * NUL in the path, a body under the wrong type): the bytes go out as written and the answer is
 * read back as it came.
 */
public final class RawHttp {
  private RawHttp() {}

  /** An answer: status, headers (names in lower case) and body. */
  public record Answer(int status, Map<String, String> headers, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + text();
    }
  }

  /** A request with {@code Host}, {@code Connection: close} and, when there is a body, its length. */
  public static String request(String method, String path, Map<String, String> headers, String body) {
    StringBuilder r = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    headers.forEach((k, v) -> r.append(k).append(": ").append(v).append("\r\n"));
    if (body != null) {
      r.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
    }
    return r.append("\r\n").append(body == null ? "" : body).toString();
  }

  /** Sends {@code request} as it is and reads the answer until it is complete or the server closes. */
  public static Answer send(String baseUrl, String request) throws IOException {
    URI base = URI.create(baseUrl);
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) > 0; ) {
        all.write(buf, 0, n);
        if (complete(all.toByteArray())) {
          break;
        }
      }
      return parse(all.toByteArray());
    }
  }

  /** True once the head and as many body bytes as Content-Length says have arrived. */
  private static boolean complete(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    String length = parse(bytes).headers().get("content-length");
    return length != null && bytes.length - end - 4 >= Integer.parseInt(length);
  }

  private static Answer parse(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String[] lines = text.substring(0, end < 0 ? text.length() : end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
      }
    }
    byte[] body = end < 0 ? new byte[0] : Arrays.copyOfRange(bytes, end + 4, bytes.length);
    return new Answer(status, headers, body);
  }
}
