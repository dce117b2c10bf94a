package io.mouthpiece.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.face.IdentifyConfig;
import io.mouthpiece.engine.sync.FaceDub;
import io.mouthpiece.engine.sync.SyncConfig;
import io.mouthpiece.engine.sync.SyncRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.global.opencv_core;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every job through the facade runs OpenCV sequentially. Each check runs in a JVM of its own: the
 * setting is the process's, and this test JVM's other tests have set it already.
 */
class OpenCvThreadsTest {
  @TempDir
  Path temp;

  @Test
  void identifyLeavesOpenCvSequential() throws Exception {
    assertEquals("threads before 4, after 1", probe("identify"));
  }

  @Test
  void syncLeavesOpenCvSequential() throws Exception {
    assertEquals("threads before 4, after 1", probe("sync"));
  }

  private String probe(String job) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Probe.class.getName(), job, temp.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe ended");
    assertEquals(0, p.exitValue(), out);
    return out.lines().filter(l -> l.startsWith("threads ")).findFirst().orElse(out);
  }

  /** The child: OpenCV given four threads, then a job refused at once (no such video), then OpenCV's count. */
  public static final class Probe {
    public static void main(String[] args) {
      opencv_core.setNumThreads(4);
      int before = opencv_core.getNumThreads();
      Path missing = Path.of(args[1]).resolve("missing.mp4");
      try {
        if (args[0].equals("identify")) {
          LipSync.identify(missing, IdentifyConfig.DEFAULT, Progress.NONE);
        } else {
          LipSync.sync(new SyncRequest(missing, List.of(new FaceDub("0", missing, 0, 3_000, 0, 1.0)), 1.0,
              Path.of(args[1]).resolve("out.mp4")), SyncConfig.DEFAULT, Progress.NONE);
        }
      } catch (Exception expected) {
        // Refused: the setting is the first thing a job does, before it looks at the video.
      }
      System.out.println("threads before " + before + ", after " + opencv_core.getNumThreads());
    }
  }
}
