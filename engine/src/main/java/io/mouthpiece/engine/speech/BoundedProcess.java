package io.mouthpiece.engine.speech;

import io.mouthpiece.engine.DaemonThreads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One run of a synthesiser's process, bounded: started as the caller built it (never through a
 * shell), its input written, waited for no longer than a limit (then stopped with whatever it
 * started), and only the head of what it prints kept, so a stuck program or a flood of output can
 * neither hold nor fill the caller.
 */
final class BoundedProcess {
  /** The most of a process's error output kept, for a message or the log. */
  static final int MAX_ERROR_BYTES = 4096;

  private BoundedProcess() {}

  /**
   * How a run ended: its exit code, the head of its standard output ({@code outCut} when it printed
   * more than was kept) and of its standard error.
   */
  record Ended(int exit, byte[] out, boolean outCut, String err) {
    String outText() {
      return new String(out, StandardCharsets.UTF_8);
    }
  }

  /** The head of one stream: read to its end so the process never blocks on a full pipe, the rest dropped. */
  private static final class Head {
    final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    volatile boolean cut;
  }

  /**
   * Runs {@code builder}'s process to its end.
   *
   * @throws IOException when it cannot be started
   * @throws SpeechException FAILED when it outlasts {@code timeout} (it is stopped) or the caller is interrupted
   */
  static Ended run(ProcessBuilder builder, byte[] input, Duration timeout, int maxOut)
      throws IOException, SpeechException {
    Process p = builder.start();
    Head out = new Head();
    Head err = new Head();
    Thread outReader = DaemonThreads.named("speech-output").newThread(() -> keepHead(p.getInputStream(), out, maxOut));
    Thread errReader = DaemonThreads.named("speech-errors").newThread(() -> keepHead(p.getErrorStream(), err,
        MAX_ERROR_BYTES));
    outReader.start();
    errReader.start();
    try {
      try (OutputStream stdin = p.getOutputStream()) {
        stdin.write(input);
      } catch (IOException e) {
        // A program that reads no input (the text is in its arguments) may have closed it already.
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        stop(p);
        throw new SpeechException(SpeechException.Kind.FAILED, "the speech synthesiser took longer than "
            + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms") + " and was stopped");
      }
      // A grandchild still holding the pipes must not hold the caller too.
      outReader.join(1000);
      errReader.join(1000);
    } catch (InterruptedException e) {
      stop(p);
      Thread.currentThread().interrupt();
      throw new SpeechException(SpeechException.Kind.FAILED, "interrupted while speaking", e);
    }
    synchronized (out) {
      synchronized (err) {
        return new Ended(p.exitValue(), out.kept.toByteArray(), out.cut, err.kept.toString(StandardCharsets.UTF_8).strip());
      }
    }
  }

  /** Stops the process and whatever it started (a plugged-in command may be a shell script). */
  private static void stop(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  private static void keepHead(InputStream in, Head head, int max) {
    byte[] buf = new byte[4096];
    try (in) {
      int n;
      while ((n = in.read(buf)) > 0) {
        synchronized (head) {
          int room = max - head.kept.size();
          head.kept.write(buf, 0, Math.max(0, Math.min(room, n)));
          head.cut |= n > room;
        }
      }
    } catch (IOException e) {
      // The process ended; what was read is kept.
    }
  }
}
