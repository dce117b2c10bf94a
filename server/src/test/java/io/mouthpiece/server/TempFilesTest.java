package io.mouthpiece.server;

import static io.mouthpiece.server.ServerValidationTest.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mouthpiece.engine.testing.TestMedia;
import io.mouthpiece.server.config.ConfigLoader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No way a request or a task can fail leaves a file in the temp folder ({@code DATA_DIR/files/.tmp}),
 * or any account holder could fill the disk: a video_url whose body never ends, a refused private
 * address, a sound_file over the audio limit, a render stopped by a shutdown. What a process that
 * died left there is deleted when the next one starts on the data dir; a file written after the
 * start, or while a live process shares the dir, is not.
 */
class TempFilesTest {
  private static final Path VIDEO = TestMedia.video("retalking_face2.mp4");

  @Test
  void aVideoUrlWhoseBodyNeverEndsLeavesNoPartBehind() throws Exception {
    try (LocalHttp host = new LocalHttp(VIDEO.getParent().getParent());
        TestServer server = TestServer.start(Map.of("media.max-video-bytes", "3000000"))) {
      Api.Answer a = server.api.post("/v1/videos/identify-face", server.keys.apiKey(),
          "{\"video_url\": \"" + host.url("/endless") + "\"}");
      expect(a, 400, 1201, "video_url: the file is more than the limit of 3000000 bytes");
      assertEquals(List.of(), server.tempFiles(), "the 3 MB part is deleted");
    }
  }

  @Test
  void aRefusedPrivateAddressLeavesNoFileBehind() throws Exception {
    try (TestServer server = TestServer.start(Map.of("fetch.allow-private-addresses", "false"))) {
      Api.Answer a = server.api.post("/v1/videos/identify-face", server.keys.apiKey(),
          "{\"video_url\": \"http://10.0.0.1/a.mp4\"}");
      expect(a, 400, 1201, "video_url: the host");
      assertEquals(List.of(), server.tempFiles(), "no empty file either");
    }
  }

  @Test
  void aSoundFileOverTheAudioLimitFailsTheTaskAndLeavesNoPartBehind() throws Exception {
    try (LocalHttp host = new LocalHttp(VIDEO.getParent().getParent()); TestServer server = TestServer.start(Map.of())) {
      String key = server.keys.apiKey();
      String session = identify(server, host);
      Api.Answer created = server.api.post("/v1/videos/advanced-lip-sync", key, "{\"session_id\": \"" + session
          + "\", \"face_choose\": [{\"face_id\": \"0\", \"sound_file\": \"" + host.url("/endless")
          + "\", \"sound_start_time\": 0, \"sound_end_time\": 3000, \"sound_insert_time\": 0}]}");
      assertEquals(200, created.status(), created.message());
      JsonNode task = server.api.awaitFinal("/v1/videos/advanced-lip-sync/" + created.data().path("task_id").asText(),
          key, Duration.ofMinutes(2));
      assertEquals("failed", task.path("task_status").asText(), task.toString());
      assertTrue(task.path("task_status_msg").asText().contains("more than the limit of 5242880 bytes"), task.toString());
      assertEquals(List.of(), server.tempFiles(), "the 5 MB part is deleted");
    }
  }

  @Test
  void aRenderStoppedByAShutdownLeavesNoPartialRenderBehind() throws Exception {
    try (LocalHttp host = new LocalHttp(VIDEO.getParent().getParent())) {
      TestServer server = TestServer.start(Map.of("server.shutdown-grace", "1s"));
      try {
        String key = server.keys.apiKey();
        String session = identify(server, host);
        Api.Answer created = server.api.post("/v1/videos/advanced-lip-sync", key, "{\"session_id\": \"" + session
            + "\", \"face_choose\": [{\"face_id\": \"0\", \"sound_file\": \"" + host.url("/media/audio/retalking_2.wav")
            + "\", \"sound_start_time\": 0, \"sound_end_time\": 4000, \"sound_insert_time\": 0}]}");
        assertEquals(200, created.status(), created.message());
        server.api.awaitRendering("/v1/videos/advanced-lip-sync/" + created.data().path("task_id").asText(), key,
            Duration.ofSeconds(60));
        assertEquals(1, server.tempFiles().size(), "the render is being written: " + server.tempFiles());
      } finally {
        server.close(); // the render has 1 s to finish, then is stopped
      }
      // The stopped render notices at its next progress step, which the shutdown waits a little for.
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!server.tempFiles().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertEquals(List.of(), server.tempFiles(), "the partial render is deleted");
    }
  }

  @Test
  void startingDeletesWhatADeadProcessLeftButNotNewerFilesNorALivePeers() throws Exception {
    Path dataDir = TestServer.newDataDir();
    Path tmp = Files.createDirectories(dataDir.resolve("files").resolve(".tmp"));
    long processStartMs = ManagementFactory.getRuntimeMXBean().getStartTime();
    Path leftover = Files.writeString(tmp.resolve("part-1234567890.mp4"), "a partial render of a killed process");
    Files.setLastModifiedTime(leftover, FileTime.fromMillis(processStartMs - 60_000));
    // Written after this process (the JVM the server runs in) started: it may be in use.
    Path recent = Files.writeString(tmp.resolve("part-9876543210.video"), "a download of this process");
    assertTrue(Files.getLastModifiedTime(recent).toMillis() > processStartMs);
    try (TestServer live = TestServer.start(dataDir, Map.of())) {
      assertEquals(List.of("part-9876543210.video"), live.tempFiles(), "the dead process's part is gone, the new one kept");

      // A file as old, but the live server's (a download stalled for a while): a second serve started
      // on the same data dir (the embedded database lets it in, through its auto-server) leaves it.
      Path inUse = Files.writeString(tmp.resolve("part-55555.audio"), "a download the live process is still writing");
      Files.setLastModifiedTime(inUse, FileTime.fromMillis(processStartMs - 60_000));
      try (MouthpieceServer second = MouthpieceServer.start(ConfigLoader.load(TestServer.settings(dataDir, Map.of()),
          null, Map.of()))) {
        assertEquals(List.of("part-55555.audio", "part-9876543210.video"), live.tempFiles(),
            "a live process's files are not swept");
      }
    }
  }

  /** identify-face on the shared clip, fetched from the host; the session id. */
  private static String identify(TestServer server, LocalHttp host) {
    Api.Answer identified = server.api.post("/v1/videos/identify-face", server.keys.apiKey(),
        "{\"video_url\": \"" + host.url("/media/video/retalking_face2.mp4") + "\"}");
    assertEquals(200, identified.status(), identified.message());
    return identified.data().path("session_id").asText();
  }
}
