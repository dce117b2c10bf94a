package io.mouthpiece.server.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the OS scheduling priority (nice) of the calling thread, so rendering, which takes every
 * core it gets, yields to the threads answering HTTP. On Linux nice is per thread and inherited by
 * the threads it starts, so the decoder, encoder and model threads a job starts run lowered too.
 * Best effort: elsewhere, or if renice is missing, it does nothing.
 */
public final class RenderPriority {
  private static final Logger LOG = LoggerFactory.getLogger(RenderPriority.class);
  private static final ThreadLocal<Boolean> LOWERED = ThreadLocal.withInitial(() -> false);

  private RenderPriority() {}

  /** Renices the calling thread to {@code nice} once (0: leave it as it is). */
  public static void lowerCurrentThread(int nice) {
    if (nice <= 0 || LOWERED.get()) {
      return;
    }
    LOWERED.set(true);
    Path self = Path.of("/proc/thread-self/stat");
    if (!Files.isReadable(self)) {
      return;
    }
    try {
      String tid = Files.readString(self).split(" ", 2)[0];
      Process p = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", tid).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (p.waitFor() != 0) {
        LOG.warn("could not lower the render thread's priority (renice exited {})", p.exitValue());
      }
    } catch (IOException e) {
      LOG.warn("could not lower the render thread's priority: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
