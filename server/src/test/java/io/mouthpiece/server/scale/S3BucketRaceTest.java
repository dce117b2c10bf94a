package io.mouthpiece.server.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mouthpiece.server.TestServer;
import io.mouthpiece.server.config.ConfigLoader;
import io.mouthpiece.server.config.ServerConfig;
import io.mouthpiece.server.store.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Processes started together on an S3 server without their bucket (the README's "Scaling out")
 * all find it missing and all try to create it: every one must start, the losers of the race too.
 * Here the stores of eight processes start at once through a gate, on a real S3 server, several
 * times over, each time on a bucket nobody made yet.
 */
class S3BucketRaceTest {
  private static final int PROCESSES = 8;
  private static final int ROUNDS = 5;

  @Test
  void storesStartingTogetherOnAMissingBucketAllStart() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(PROCESSES);
    try (S3Server s3 = S3Server.start()) {
      for (int round = 0; round < ROUNDS; round++) {
        String bucket = "race-" + round;
        List<ServerConfig> configs = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) { // read before the gate, so the threads only race the bucket
          Map<String, String> settings = new HashMap<>(s3.settings(bucket));
          settings.put("data-dir", TestServer.newDataDir().toString());
          configs.add(ConfigLoader.load(settings, null, Map.of()));
        }
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<FileStore>> started = new ArrayList<>();
        for (ServerConfig config : configs) {
          started.add(pool.submit(() -> {
            gate.await();
            return FileStore.open(config);
          }));
        }
        gate.countDown();
        List<String> failures = new ArrayList<>();
        FileStore any = null;
        for (Future<FileStore> f : started) {
          try {
            any = f.get(60, TimeUnit.SECONDS);
          } catch (java.util.concurrent.ExecutionException e) {
            failures.add(e.getCause().toString());
          }
        }
        assertEquals(List.of(), failures, "round " + round + ": every store starts, whoever created the bucket");
        // The bucket is usable by all of them: one writes, the server holds it.
        Path file = any.tempFile(".txt");
        Files.writeString(file, "written after the race");
        any.putFile("acct/after-race.txt", file);
        assertEquals(List.of("acct/after-race.txt"), s3.keys(bucket));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
