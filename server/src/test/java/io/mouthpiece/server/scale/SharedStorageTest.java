package io.mouthpiece.server.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mouthpiece.engine.testing.TestMedia;
import io.mouthpiece.server.Api;
import io.mouthpiece.server.LocalHttp;
import io.mouthpiece.server.TestServer;
import io.mouthpiece.server.db.Database;
import io.mouthpiece.server.store.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service on a real PostgreSQL and a real S3 server, chosen by settings alone: uploads,
 * identify-face and a lip-sync go through the bucket, the result downloads through the API with
 * ranges, the bucket holds exactly the objects the database names, and retention removes both the
 * expired objects and an object no row refers to (a write whose record never committed). A second
 * task on the same video reads its analysis from the bucket.
 */
class SharedStorageTest {
  @Test
  void aTaskOnPostgresAndS3() throws Exception {
    Path video = TestMedia.video("retalking_face2.mp4");
    try (PostgresServer pg = PostgresServer.start(); S3Server s3 = S3Server.start();
        LocalHttp host = new LocalHttp(video.getParent().getParent())) {
      Map<String, String> settings = new HashMap<>(s3.settings("results"));
      settings.putAll(Map.of("database.url", pg.jdbcUrl(), "database.user", "postgres"));
      try (TestServer server = TestServer.start(settings)) {
        String key = server.keys.apiKey();
        Api.Answer upload = server.api.upload("/v1/files", key, video);
        assertEquals(200, upload.status(), upload.message());
        Api.Answer identified = server.api.post("/v1/videos/identify-face", key,
            "{\"video_id\": \"" + upload.data().path("file_id").asText() + "\"}");
        assertEquals(200, identified.status(), identified.message());
        Api.Answer created = server.api.post("/v1/videos/advanced-lip-sync", key, "{\"session_id\": \""
            + identified.data().path("session_id").asText() + "\", \"face_choose\": [{\"face_id\": \"0\", \"sound_file\": \""
            + host.url("/media/audio/retalking_1.wav") + "\", \"sound_start_time\": 0, \"sound_end_time\": 2500,"
            + " \"sound_insert_time\": 0}]}");
        assertEquals(200, created.status(), created.message());
        JsonNode task = server.api.awaitFinal("/v1/videos/advanced-lip-sync/" + created.data().path("task_id").asText(),
            key, Duration.ofMinutes(3));
        assertEquals("succeed", task.path("task_status").asText(), task.toString());

        // A second task on the same video reads the analysis the first kept in the bucket (its local
        // copy went when the entry was put, so this read is a GET, as on any other worker).
        Api.Answer again = server.api.post("/v1/videos/advanced-lip-sync", key, "{\"session_id\": \""
            + identified.data().path("session_id").asText() + "\", \"face_choose\": [{\"face_id\": \"0\", \"sound_file\": \""
            + host.url("/media/audio/retalking_2.wav") + "\", \"sound_start_time\": 0, \"sound_end_time\": 2500,"
            + " \"sound_insert_time\": 1000}]}");
        assertEquals(200, again.status(), again.message());
        assertEquals("succeed", server.api.awaitFinal("/v1/videos/advanced-lip-sync/" + again.data().path("task_id").asText(),
            key, Duration.ofMinutes(3)).path("task_status").asText());
        String metrics = new String(server.api.get("/metrics", null).bytes());
        assertTrue(metrics.matches("(?s).*mouthpiece_analysis_cache_total\\{result=\"hit\",?} 1\\.0.*"), metrics);
        assertEquals(1, s3.keys("results").stream().filter(k -> k.startsWith(server.keys.accountId() + "/analysis/")).count(),
            "the analysis is kept in the bucket, in the account's folder");

        String url = task.path("task_result").path("videos").get(0).path("url").asText();
        byte[] whole = server.api.download(url, null).bytes();
        assertTrue(whole.length > 10_000, "an mp4");
        Api.Answer part = server.api.download(url, "bytes=100-1099");
        assertEquals(206, part.status());
        assertEquals("bytes 100-1099/" + whole.length, part.response().headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(Arrays.copyOfRange(whole, 100, 1100), part.bytes(), "the range's bytes, read from S3");

        try (Database db = Database.open(server.server.config())) {
          assertEquals(storedKeys(db), s3.keys("results"), "the bucket holds exactly what the database names");
        }
        // A write whose record never committed (its process died in between) leaves an object no row names.
        FileStore store = FileStore.open(server.server.config());
        Path stray = store.tempFile(".mp4");
        Files.writeString(stray, "left behind");
        store.putFile(server.keys.accountId() + "/rstray.mp4", stray);
        long now = System.currentTimeMillis();
        assertEquals(0, server.server.retention().sweep(now).orphans(), "a fresh object may be about to be recorded");
        assertEquals(1, server.server.retention().sweep(now + Duration.ofHours(2).toMillis()).orphans());
        try (Database db = Database.open(server.server.config())) {
          assertEquals(storedKeys(db), s3.keys("results"), "the stray object is gone, the recorded ones stay");
        }
        server.server.retention().sweep(now + Duration.ofDays(31).toMillis());
        assertEquals(List.of(), s3.keys("results"), "after the retention period nothing is left in the bucket");
        assertEquals(404, server.api.download(url, null).status());
      }
    }
  }

  private static List<String> storedKeys(Database db) {
    return db.query("SELECT storage_key FROM stored_files ORDER BY storage_key", rs -> rs.getString(1))
        .stream().sorted().toList();
  }
}
