package io.mouthpiece.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mouthpiece.engine.rules.Rule;
import io.mouthpiece.engine.rules.TimingRules;
import io.mouthpiece.server.Api;
import io.mouthpiece.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page and its files are served without a key, with their types and revalidation; nothing else is. */
class WebPageTest {
  @Test
  void pageAndAssetsAreServedFromTheJar() throws Exception {
    try (TestServer server = TestServer.start(Map.of())) {
      Api.Answer page = server.api.get("/", null);
      assertEquals(200, page.status());
      assertEquals("text/html;charset=utf-8", type(page));
      assertTrue(page.response().headers().firstValue("content-security-policy").orElse("").contains("script-src 'self'"));
      String html = new String(page.bytes());
      // Every file the page links is one the service serves: no CDN, no missing asset.
      Matcher m = Pattern.compile("(?:src|href)=\"(/web/[^\"]+)\"").matcher(html);
      int linked = 0;
      while (m.find()) {
        assertEquals(200, server.api.get(m.group(1), null).status(), m.group(1));
        linked++;
      }
      assertTrue(linked >= 2, "the page links its script and style (its icon is in the page)");
      assertTrue(!html.contains("http://") && !html.contains("https://cdn"), "nothing from elsewhere");
      for (String file : WebPage.FILES.keySet()) {
        Api.Answer a = server.api.get("/web/" + file, null);
        assertEquals(200, a.status(), file);
        assertEquals(WebPage.FILES.get(file).replace(" ", ""), type(a), file);
        assertEquals("no-cache", a.response().headers().firstValue("cache-control").orElse(""), file);
        // The content security policy governs documents: the page.
        assertEquals(file.endsWith(".html"),
            a.response().headers().firstValue("content-security-policy").isPresent(), file);
      }

      // The rules the page checks by are the engine's, carried in the page as data.
      Matcher block = Pattern.compile("<script type=\"application/json\" id=\"" + WebPage.RULES_ELEMENT
          + "\">(.*?)</script>").matcher(html);
      assertTrue(block.find(), "the page carries the timing rules");
      JsonNode doc = Api.JSON.readTree(block.group(1));
      assertEquals(TimingRules.MAX_AUDIO_MS, doc.path("limits").path("MAX_AUDIO_MS").asLong());
      assertEquals(Rule.PIECE_PAST_VIDEO.template(), doc.path("sentences").path("PIECE_PAST_VIDEO").asText());
      assertEquals(Rule.values().length, doc.path("sentences").size());
      assertEquals("sound_insert_time", doc.path("names").path("INSERT").asText());

      // An unchanged file costs a 304 on revalidation.
      String etag = server.api.get("/web/app.js", null).response().headers().firstValue("etag").orElseThrow();
      HttpResponse<byte[]> again = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.api.base() + "/web/app.js"))
          .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(304, again.statusCode());
      assertEquals(0, again.body().length);

      Api.Answer missing = server.api.get("/web/pom.xml", null);
      assertEquals(404, missing.status());
      assertEquals(1203, missing.code());
      assertEquals(404, server.api.get("/web/..%2Fopenapi.json", null).status());
    }
  }

  /** Jetty writes "text/html;charset=utf-8" for "text/html; charset=utf-8": compare without spaces. */
  private static String type(Api.Answer a) {
    return a.response().headers().firstValue("content-type").orElse("").replace(" ", "");
  }
}
