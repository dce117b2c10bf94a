package io.mouthpiece.server.http;

import io.javalin.http.Context;
import io.mouthpiece.server.auth.Account;
import io.mouthpiece.server.errors.KlingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The web page for people ({@code GET /}) and its assets ({@code GET /web/{file}}), read once from
 * the jar ({@code resources/io/mouthpiece/server/web/}); the page carries the timing rules it checks
 * by, made from the engine's ({@link RulesDocument}). The page needs no key; its API calls send
 * the key the person typed. Everything the page uses is served here, nothing from a CDN.
 */
final class WebPage {
  /** The files of the page; a fixed list, so nothing else in the jar can be asked for. */
  static final Map<String, String> FILES = files(
      "index.html", "text/html; charset=utf-8",
      "style.css", "text/css; charset=utf-8",
      "app.js", "text/javascript; charset=utf-8",
      "api.js", "text/javascript; charset=utf-8",
      "route.js", "text/javascript; charset=utf-8",
      "source.js", "text/javascript; charset=utf-8",
      "faces.js", "text/javascript; charset=utf-8",
      "timeline.js", "text/javascript; charset=utf-8",
      "waveform.js", "text/javascript; charset=utf-8",
      "words.js", "text/javascript; charset=utf-8",
      "result.js", "text/javascript; charset=utf-8",
      "quality.js", "text/javascript; charset=utf-8",
      "compare.js", "text/javascript; charset=utf-8",
      "tasks.js", "text/javascript; charset=utf-8",
      "timing-rules.js", "text/javascript; charset=utf-8");
  /**
   * Where the page carries the engine's timing rules, as data for timing-rules.js: put into
   * index.html by the service (a JSON block, which no browser runs), so the page needs no request more.
   */
  static final String RULES_ELEMENT = "timing-rules";

  // Media (face crops, results, a pasted video URL) may come from server.public-url or the URL a
  // person pasted, so img/media are open; scripts, styles and API calls stay on this origin.
  private static final String CSP = "default-src 'self'; img-src * data: blob:; media-src * blob:; "
      + "script-src 'self'; style-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
      + "frame-ancestors 'none'; form-action 'self'";

  private record Asset(byte[] bytes, String contentType, String etag) {}

  private final Map<String, Asset> assets = new LinkedHashMap<>();

  WebPage() throws IOException {
    for (Map.Entry<String, String> e : FILES.entrySet()) {
      String path = "/io/mouthpiece/server/web/" + e.getKey();
      try (InputStream in = WebPage.class.getResourceAsStream(path)) {
        if (in == null) {
          throw new IOException("missing from the jar: " + path);
        }
        byte[] bytes = in.readAllBytes();
        assets.put(e.getKey(), asset(e.getKey().equals("index.html") ? withRules(bytes) : bytes, e.getValue()));
      }
    }
  }

  /** The page with the rules' JSON before its head ends; "</" is escaped so no text can end the block. */
  private static byte[] withRules(byte[] html) {
    String rules = new String(RulesDocument.json(), StandardCharsets.UTF_8).replace("</", "<\\/");
    String page = new String(html, StandardCharsets.UTF_8);
    if (!page.contains("</head>")) {
      throw new IllegalStateException("index.html has no </head> to put the timing rules before");
    }
    return page.replace("</head>", "  <script type=\"application/json\" id=\"" + RULES_ELEMENT + "\">" + rules
        + "</script>\n</head>").getBytes(StandardCharsets.UTF_8);
  }

  private static Asset asset(byte[] bytes, String contentType) {
    return new Asset(bytes, contentType, etag(bytes));
  }

  void index(Context ctx, Account ignored) {
    send(ctx, assets.get("index.html"));
  }

  void asset(Context ctx, Account ignored) {
    Asset a = assets.get(ctx.pathParam("file"));
    if (a == null) {
      throw KlingException.notFound("no such file of the web page: " + ctx.pathParam("file"));
    }
    send(ctx, a);
  }

  /** Revalidated on every use (no-cache + ETag): a new version of the service is seen at once, an unchanged file costs a 304. */
  private static void send(Context ctx, Asset a) {
    ctx.header("Cache-Control", "no-cache");
    ctx.header("ETag", a.etag());
    // The policies govern documents (the page): on a script or a style they only add bytes to every request.
    if (a.contentType().startsWith("text/html")) {
      ctx.header("Content-Security-Policy", CSP);
      ctx.header("Referrer-Policy", "no-referrer");
    }
    if (a.etag().equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.contentType(a.contentType()).result(a.bytes());
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(d, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> files(String... nameAndType) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < nameAndType.length; i += 2) {
      m.put(nameAndType[i], nameAndType[i + 1]);
    }
    return m;
  }
}
