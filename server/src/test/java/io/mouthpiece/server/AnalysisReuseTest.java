package io.mouthpiece.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mouthpiece.engine.testing.TestMedia;
import io.mouthpiece.server.auth.AccountKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A studio dubbing one video into several languages: the second task on the same video, with other
 * speech, is served the analysis the first kept (counted in /metrics as a hit), finishes sooner,
 * and the entry is the account's own: another account's task on the same video analyses it anew,
 * and retention deletes the entries with the account's other files.
 */
class AnalysisReuseTest {
  private static final Pattern CACHE_COUNT = Pattern.compile("mouthpiece_analysis_cache_total\\{result=\"(hit|miss)\",?} ([0-9.]+)");

  @Test
  void aSecondTaskOnTheSameVideoSkipsTheAnalysis() throws Exception {
    Path clip = TestMedia.oneFace720p("retalking_face2.mp4", 20);
    // LocalHttp serves the media folder under /media/.
    Path media = TestMedia.audio("musetalk_eng.flac").getParent().getParent();
    try (LocalHttp host = new LocalHttp(media); TestServer server = TestServer.start(Map.of())) {
      String key = server.keys.apiKey();
      String session = session(server, key, clip);
      // Two languages: two different 19 s pieces of the speech, each over the whole video.
      JsonNode first = sync(server, key, session, host, 0);
      assertEquals(Map.of("miss", 1.0), cacheCounts(server));
      JsonNode second = sync(server, key, session, host, 20_000);
      assertEquals(Map.of("miss", 1.0, "hit", 1.0), cacheCounts(server), "the second task read the first's analysis");
      long firstMs = createdToSucceededMs(first);
      long secondMs = createdToSucceededMs(second);
      System.out.printf(Locale.ROOT, "create -> succeed on a 20 s 720p clip: first task %.2f s, second %.2f s (%.0f %%)%n",
          firstMs / 1e3, secondMs / 1e3, 100.0 * secondMs / firstMs);
      assertTrue(secondMs < firstMs, "skipping the analysis makes it sooner: " + secondMs + " vs " + firstMs + " ms");
      List<Path> entries = analysisEntries(server, server.keys.accountId());
      assertEquals(1, entries.size(), "one entry, in the account's own folder: " + entries);

      // Another account, the same video: its own analysis, never the first account's.
      AccountKeys other = server.server.accounts().create("other studio");
      String otherSession = session(server, other.apiKey(), clip);
      sync(server, other.apiKey(), otherSession, host, 0);
      assertEquals(Map.of("miss", 2.0, "hit", 1.0), cacheCounts(server), "accounts do not share analyses");
      assertEquals(1, analysisEntries(server, other.accountId()).size());

      // The entries are the accounts' stored files: retention deletes them with the rest.
      server.server.retention().sweep(System.currentTimeMillis() + Duration.ofDays(31).toMillis());
      assertEquals(List.of(), analysisEntries(server, server.keys.accountId()));
      assertEquals(List.of(), analysisEntries(server, other.accountId()));
    }
  }

  @Test
  void withRetentionOfAnalysesAtZeroNoneIsKept() throws Exception {
    Path clip = TestMedia.video("retalking_face2.mp4");
    Path media = TestMedia.audio("musetalk_eng.flac").getParent().getParent();
    try (LocalHttp host = new LocalHttp(media); TestServer server = TestServer.start(Map.of("retention.analyses", "0s"))) {
      String key = server.keys.apiKey();
      String session = session(server, key, clip);
      Api.Answer created = server.api.post("/v1/videos/advanced-lip-sync", key, "{\"session_id\": \"" + session
          + "\", \"face_choose\": [{\"face_id\": \"0\", \"sound_file\": \"" + host.url("/media/audio/musetalk_eng.flac")
          + "\", \"sound_start_time\": 0, \"sound_end_time\": 4000, \"sound_insert_time\": 0}]}");
      assertEquals(200, created.status(), created.message());
      JsonNode task = server.api.awaitFinal("/v1/videos/advanced-lip-sync/" + created.data().path("task_id").asText(), key,
          Duration.ofMinutes(2));
      assertEquals("succeed", task.path("task_status").asText(), task.toString());
      assertEquals(Map.of(), cacheCounts(server), "no cache to hit or miss");
      assertEquals(List.of(), analysisEntries(server, server.keys.accountId()), "nothing kept");
    }
  }

  private static String session(TestServer server, String key, Path clip) throws Exception {
    return server.api.identified(key, clip).path("session_id").asText();
  }

  private static JsonNode sync(TestServer server, String key, String session, LocalHttp host, long startMs)
      throws Exception {
    Api.Answer created = server.api.post("/v1/videos/advanced-lip-sync", key, "{\"session_id\": \"" + session
        + "\", \"face_choose\": [{\"face_id\": \"0\", \"sound_file\": \"" + host.url("/media/audio/musetalk_eng.flac")
        + "\", \"sound_start_time\": " + startMs + ", \"sound_end_time\": " + (startMs + 19_000) + ", \"sound_insert_time\": 0}]}");
    assertEquals(200, created.status(), created.message());
    JsonNode task = server.api.awaitFinal("/v1/videos/advanced-lip-sync/" + created.data().path("task_id").asText(), key,
        Duration.ofMinutes(4));
    assertEquals("succeed", task.path("task_status").asText(), task.toString());
    return task;
  }

  /** The server's own times: created when the create was answered, updated when it succeeded. */
  private static long createdToSucceededMs(JsonNode task) {
    return task.path("updated_at").asLong() - task.path("created_at").asLong();
  }

  private static Map<String, Double> cacheCounts(TestServer server) {
    Matcher m = CACHE_COUNT.matcher(new String(server.api.get("/metrics", null).bytes()));
    Map<String, Double> counts = new java.util.TreeMap<>();
    while (m.find()) {
      counts.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    return counts;
  }

  private static List<Path> analysisEntries(TestServer server, String accountId) throws Exception {
    Path dir = server.dataDir.resolve("files").resolve(accountId).resolve("analysis");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var files = Files.list(dir)) {
      return files.toList();
    }
  }
}
