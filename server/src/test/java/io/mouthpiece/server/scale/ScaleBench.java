package io.mouthpiece.server.scale;

import com.fasterxml.jackson.databind.JsonNode;
import io.mouthpiece.engine.testing.TestMedia;
import io.mouthpiece.server.Api;
import io.mouthpiece.server.db.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scale-out figures ({@code bench/scale-out.sh}): throughput in tasks per minute with 1 and with 2
 * worker processes (one API process, PostgreSQL, S3Proxy, all on this machine), and how long after
 * a SIGKILL the killed worker's task starts again on the other worker. Args: tasks per run (12).
 */
public final class ScaleBench {
  private ScaleBench() {}

  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    Path clip = TestMedia.firstHalf("retalking_face2.mp4");
    Path audio = TestMedia.sharedAudio("retalking_1.wav");
    for (int workers = 1; workers <= 2; workers++) {
      try (Cluster cluster = Cluster.start(Map.of())) {
        for (int w = 0; w < workers; w++) {
          cluster.addWorker();
        }
        Run run = new Run(cluster, clip, audio);
        long t0 = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
          ids.add(run.create(i));
        }
        for (String id : ids) {
          run.awaitSucceed(id);
        }
        double minutes = (System.nanoTime() - t0) / 60e9;
        System.out.printf(Locale.ROOT, "workers=%d tasks=%d wall=%.1fs throughput=%.1f tasks/min%n", workers, tasks,
            minutes * 60, tasks / minutes);
        if (workers == 2) {
          System.out.printf(Locale.ROOT, "pickup after kill -9: %.1fs%n", run.pickupAfterKill() / 1000.0);
        }
      }
    }
  }

  /** One cluster's client side: the clip uploaded and identified once, tasks made from it. */
  private static final class Run {
    final Cluster cluster;
    final String key;
    final String session;
    final String audioId;

    Run(Cluster cluster, Path clip, Path audio) throws Exception {
      this.cluster = cluster;
      this.key = cluster.keys.apiKey();
      Api api = cluster.api;
      String videoId = api.upload("/v1/files", key, clip).data().path("file_id").asText();
      audioId = api.upload("/v1/files", key, audio).data().path("file_id").asText();
      session = api.post("/v1/videos/identify-face", key, "{\"video_id\": \"" + videoId + "\"}").data()
          .path("session_id").asText();
    }

    String create(int i) {
      Api.Answer a = cluster.api.post("/v1/videos/advanced-lip-sync", key, "{\"session_id\": \"" + session
          + "\", \"face_choose\": [{\"face_id\": \"0\", \"audio_id\": \"" + audioId + "\", \"sound_start_time\": "
          + (i % 20) * 100 + ", \"sound_end_time\": " + (2000 + (i % 20) * 100) + ", \"sound_insert_time\": 0}]}");
      if (a.status() != 200) {
        throw new IllegalStateException(a.message());
      }
      return a.data().path("task_id").asText();
    }

    void awaitSucceed(String id) throws InterruptedException {
      JsonNode t = cluster.api.awaitFinal("/v1/videos/advanced-lip-sync/" + id, key, Duration.ofMinutes(10));
      if (!t.path("task_status").asText().equals("succeed")) {
        throw new IllegalStateException(t.toString());
      }
    }

    /** Two tasks, one per worker; worker 0 is killed once both render; ms until its task starts again. */
    long pickupAfterKill() throws Exception {
      List<String> ids = List.of(create(0), create(1));
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (ids.stream().filter(id -> cluster.api.get("/v1/videos/advanced-lip-sync/" + id, key).data()
          .path("task_progress").asInt() >= 10).count() < 2) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("two tasks did not render at once");
        }
        Thread.sleep(100);
      }
      long killedAt = System.nanoTime();
      cluster.worker(0).destroyForcibly().waitFor();
      try (Database db = Database.open(cluster.config())) {
        while (db.queryOne("SELECT COUNT(*) FROM tasks WHERE attempts = 2", rs -> rs.getInt(1)).orElse(0) == 0) {
          Thread.sleep(100);
        }
      }
      long ms = (System.nanoTime() - killedAt) / 1_000_000;
      for (String id : ids) {
        awaitSucceed(id);
      }
      return ms;
    }
  }
}
