package io.mouthpiece.app.cli;

import io.mouthpiece.engine.Progress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A long command's progress on stderr: its stage, how much is done and about how long is left. On
 * a terminal, one bar redrawn in place; elsewhere (a log, a pipe, CI), a plain line every few
 * seconds, so a command shorter than that prints nothing and a long one is never silent.
 */
public final class ProgressReport implements Progress {
  /** How often a plain line is printed when stderr is not a terminal. */
  static final Duration PLAIN_EVERY = Duration.ofSeconds(5);
  private static final int WIDTH = 24;
  /** Redraws of the bar are at most this often, unless the percentage or the stage changes. */
  private static final long REDRAW_NS = 500_000_000L;
  /** Below these, an estimate of the time left is mostly noise. */
  private static final double ETA_MIN_FRACTION = 0.03;
  private static final long ETA_MIN_NS = 1_000_000_000L;

  private final PrintStream err;
  private final String label;
  private final boolean terminal;
  private final long everyNs;
  private final LongSupplier nanoTime;
  private final long startNs;
  private long lastShownNs;
  private int lastPercent = -1;
  private String lastStage = "";
  private int lastWidth;

  ProgressReport(PrintStream err, String label, boolean terminal, Duration every, LongSupplier nanoTime) {
    this.err = err;
    this.label = label;
    this.terminal = terminal;
    this.everyNs = every.toNanos();
    this.nanoTime = nanoTime;
    this.startNs = nanoTime.getAsLong();
    this.lastShownNs = startNs;
  }

  /**
   * The report for a command named {@code label}: a bar when stderr is a terminal (the launcher
   * tells us; Java cannot ask about stderr alone), plain lines otherwise.
   */
  public static ProgressReport forStderr(String label) {
    return new ProgressReport(System.err, label, Boolean.getBoolean("mouthpiece.stderrTty"), PLAIN_EVERY, System::nanoTime);
  }

  @Override
  public synchronized void update(String stage, double fraction) {
    double f = Math.max(0, Math.min(1, fraction));
    int percent = (int) Math.floor(f * 100);
    long now = nanoTime.getAsLong();
    if (terminal) {
      boolean changed = percent != lastPercent || !stage.equals(lastStage);
      if (changed || now - lastShownNs >= REDRAW_NS) {
        drawBar(stage, f, percent, now);
      }
    } else if (now - lastShownNs >= everyNs && percent < 100) {
      err.printf(Locale.ROOT, "%s: %s, %d%% after %s%s%n", label, stage, percent, clock(now - startNs), left(f, now));
      err.flush();
      lastShownNs = now;
    }
    lastPercent = percent;
    lastStage = stage;
  }

  private void drawBar(String stage, double f, int percent, long now) {
    int filled = percent * WIDTH / 100;
    String line = String.format(Locale.ROOT, "%s [%s%s] %3d%%  %s  %s%s", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
        percent, stage, clock(now - startNs), percent == 100 ? "" : left(f, now));
    // Pad over what a longer previous line left on the terminal.
    err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
    lastWidth = line.length();
    if (percent == 100) {
      err.println();
    }
    err.flush();
    lastShownNs = now;
  }

  /** ", about 1 min 05 s left", once enough is done to tell; otherwise nothing. */
  private String left(double f, long now) {
    long elapsed = now - startNs;
    if (f < ETA_MIN_FRACTION || elapsed < ETA_MIN_NS) {
      return "";
    }
    return ", about " + clock((long) (elapsed * (1 - f) / f)) + " left";
  }

  /** A duration as people read it: "4.2 s", "37 s", "2 min 05 s". */
  static String clock(long nanos) {
    double s = nanos / 1e9;
    if (s < 10) {
      return String.format(Locale.ROOT, "%.1f s", s);
    }
    long whole = Math.round(s);
    return whole < 60 ? whole + " s" : String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
  }
}
