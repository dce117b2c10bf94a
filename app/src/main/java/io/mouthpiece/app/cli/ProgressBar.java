package io.mouthpiece.app.cli;

import io.mouthpiece.engine.Progress;
import java.io.PrintStream;

/**
 * A one-line progress bar on stderr, redrawn in place. Shown only when stderr is a terminal
 * (the launcher tells us: Java cannot ask about stderr alone), so logs and pipes stay clean.
 */
final class ProgressBar implements Progress {
  private static final int WIDTH = 30;
  private final PrintStream err;
  private final String label;
  private final long startNs = System.nanoTime();
  private int lastPercent = -1;

  private ProgressBar(PrintStream err, String label) {
    this.err = err;
    this.label = label;
  }

  /** A bar on stderr if it is a terminal, otherwise nothing. */
  static Progress forStderr(String label) {
    return Boolean.getBoolean("mouthpiece.stderrTty") ? new ProgressBar(System.err, label) : Progress.NONE;
  }

  @Override
  public synchronized void update(double fraction) {
    int percent = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * 100);
    if (percent == lastPercent) {
      return;
    }
    lastPercent = percent;
    int filled = percent * WIDTH / 100;
    double seconds = (System.nanoTime() - startNs) / 1e9;
    err.printf("\r%s [%s%s] %3d%% %5.1fs", label, "#".repeat(filled), ".".repeat(WIDTH - filled), percent, seconds);
    if (percent == 100) {
      err.println();
    }
    err.flush();
  }
}
