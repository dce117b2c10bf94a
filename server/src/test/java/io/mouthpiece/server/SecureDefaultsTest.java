package io.mouthpiece.server;

import static io.mouthpiece.server.ServerValidationTest.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The defaults refuse to fetch from the service's own network, and the per-account task limit
 * answers 1303: a server with private addresses refused (the default) and one task in flight at most.
 */
class SecureDefaultsTest {
  @Test
  void privateAddressesAreRefusedAndTheInFlightLimitHolds() throws Exception {
    Path video = TestMedia.video("retalking_face2.mp4");
    try (TestServer server = TestServer.start(Map.of("fetch.allow-private-addresses", "false",
        "accounts.max-tasks-in-flight", "1", "fetch.timeout", "30s"))) {
      String key = server.keys.apiKey();
      String path = "/v1/videos/identify-face";
      for (String url : new String[] {"http://127.0.0.1:" + server.server.port() + "/health", "http://localhost/a.mp4",
          "http://169.254.169.254/latest/meta-data", "http://10.0.0.1/a.mp4", "http://[::1]/a.mp4", "http://192.168.0.1/a.mp4"}) {
        expect(server.api.post(path, key, "{\"video_url\": \"" + url + "\"}"), 400, 1201, "video_url: the host");
      }
      Api.Answer upload = server.api.upload("/v1/files", key, video);
      Api.Answer identified = server.api.post(path, key, "{\"video_id\": \"" + upload.data().path("file_id").asText() + "\"}");
      assertEquals(200, identified.status(), identified.message());
      // 192.0.2.1 (TEST-NET-1) is a public address that answers nobody: the task waits on its download.
      String body = "{\"session_id\": \"" + identified.data().path("session_id").asText() + "\", \"face_choose\": [{"
          + "\"face_id\": \"0\", \"sound_file\": \"http://192.0.2.1/a.wav\", \"sound_start_time\": 0,"
          + " \"sound_end_time\": 3000, \"sound_insert_time\": 0}]}";
      assertEquals(200, server.api.post("/v1/videos/advanced-lip-sync", key, body).status());
      expect(server.api.post("/v1/videos/advanced-lip-sync", key, body), 429, 1303, "in flight");
      expect(server.api.post("/kling/v1/videos/advanced-lip-sync", key, body), 429, 1303, "in flight");
    }
  }

  @Test
  void anAccountOverItsRequestRateGets1302WithRetryAfterAndOthersAreServed() throws Exception {
    try (TestServer server = TestServer.start(Map.of("accounts.max-requests-per-second", "5"))) {
      String key = server.keys.apiKey();
      String path = "/v1/videos/advanced-lip-sync?pageNum=1&pageSize=5";
      int served = 0;
      Api.Answer refused = null;
      // A burst of twice the rate is allowed; the 11th request in a row is one too many.
      for (int i = 0; i < 30 && refused == null; i++) {
        Api.Answer a = server.api.get(path, key);
        if (a.status() == 200) {
          served++;
        } else {
          refused = a;
        }
      }
      assertTrue(refused != null, "30 requests in a row at 5 a second: one is refused");
      expect(refused, 429, 1302, "accounts.max-requests-per-second");
      assertEquals("1", refused.response().headers().firstValue("Retry-After").orElse(""), "Retry-After in seconds");
      assertTrue(served >= 10 && served <= 12, "the burst allowance (10) was served first: " + served);
      // The limit is the account's own: another account is served while this one is refused.
      String other = server.server.accounts().create("other").apiKey();
      assertEquals(200, server.api.get(path, other).status(), "another account is served meanwhile");
      Api.Answer stillRefused = server.api.get(path, key);
      long refusedNs = System.nanoTime();
      assertEquals(429, stillRefused.status(), "while the first is still refused");
      // The bucket refills by time; a refused request takes nothing from it, so asking again and again
      // does not delay it. Served again within the Retry-After it was told, give or take a busy machine.
      long retryAfterMs = Long.parseLong(stillRefused.response().headers().firstValue("Retry-After").orElseThrow()) * 1000;
      long deadlineNs = refusedNs + Duration.ofMillis(retryAfterMs + 2000).toNanos();
      int status;
      while ((status = server.api.get(path, key).status()) == 429) {
        assertTrue(System.nanoTime() < deadlineNs, "still refused " + (retryAfterMs + 2000) + " ms after Retry-After: "
            + retryAfterMs / 1000);
        Thread.sleep(20);
      }
      assertEquals(200, status, "served again once the bucket refilled");
    }
  }
}
