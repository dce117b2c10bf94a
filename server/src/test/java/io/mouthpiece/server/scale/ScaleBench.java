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
 * worker processes (one API process, PostgreSQL, S3Proxy, all on this machine; tasks on a 2.5 s
 * clip), and how long after a SIGKILL the killed worker's task starts again on the other worker
 * (two tasks on a 20 s 720p clip, one per worker, so the kill surely lands mid-render).
 * Args: tasks per run (12).
 */
public final class ScaleBench {
  private ScaleBench() {}

  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    Path clip = TestMedia.firstHalf("retalking_face2.mp4");
    Path longClip = TestMedia.oneFace720p("retalking_face2.mp4", 20);
    Path audio = TestMedia.audio("retalking_1.wav");
    for (int workers = 1; workers <= 2; workers++) {
      try (Cluster cluster = Cluster.start(Map.of())) {
        for (int w = 0; w < workers; w++) {
          cluster.addWorker();
        }
        Run run = new Run(cluster, clip, longClip, audio);
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

  /** One cluster's client side: the clips uploaded and identified once, tasks made from them. */
  private static final class Run {
    final Cluster cluster;
    final String key;
    final String session;
    final String longSession;
    final String audioId;

    Run(Cluster cluster, Path clip, Path longClip, Path audio) throws Exception {
      this.cluster = cluster;
      this.key = cluster.keys.apiKey();
      audioId = upload(audio);
      session = session(clip);
      longSession = session(longClip);
    }

    private String upload(Path file) throws Exception {
      return cluster.api.upload("/v1/files", key, file).data().path("file_id").asText();
    }

    private String session(Path video) throws Exception {
      return cluster.api.post("/v1/videos/identify-face", key, "{\"video_id\": \"" + upload(video) + "\"}").data()
          .path("session_id").asText();
    }

    String create(int i) {
      return create(session, i);
    }

    String create(String session, int i) {
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

    /**
     * Two long tasks: once both are processing, each worker (one render at a time) has one; worker 0
     * is killed; ms until its task starts again on worker 1.
     */
    /** Waits up to 90 s until at least {@code atLeast} of {@code ids} meet {@code condition}. */
    private void awaitCount(Database db, String condition, List<String> ids, int atLeast, String failure)
        throws Exception {
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (count(db, condition, ids) < atLeast) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(failure + " within 90 s");
        }
        Thread.sleep(100);
      }
    }

    long pickupAfterKill() throws Exception {
      List<String> ids = List.of(create(longSession, 0), create(longSession, 1));
      long killedAt;
      try (Database db = Database.open(cluster.config())) {
        awaitCount(db, "status = 'processing'", ids, 2, "two tasks did not render at once");
        killedAt = System.nanoTime();
        cluster.worker(0).destroyForcibly().waitFor();
        awaitCount(db, "attempts = 2", ids, 1, "the killed worker's task was not started again");
      }
      long ms = (System.nanoTime() - killedAt) / 1_000_000;
      for (String id : ids) {
        awaitSucceed(id);
      }
      return ms;
    }

    private static int count(Database db, String condition, List<String> ids) {
      return db.queryOne("SELECT COUNT(*) FROM tasks WHERE " + condition + " AND id IN (?, ?)", rs -> rs.getInt(1),
          ids.get(0), ids.get(1)).orElse(0);
    }
  }
}
