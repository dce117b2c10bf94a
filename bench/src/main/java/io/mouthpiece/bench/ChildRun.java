package io.mouthpiece.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command as a child process, with the environment the `mouthpiece` launcher sets (its JVM
 * flags are the caller's part: {@link Layout#javaAsLauncher}), and
 * measures it from outside: wall time, and peak resident memory (VmHWM, read from /proc while it
 * runs; the last reading before it exits).
 */
record ChildRun(int exit, double wallSeconds, long peakRssBytes) {
  static ChildRun of(List<String> command, Path log) throws IOException, InterruptedException {
    long start = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // The memory settings the `mouthpiece` launcher runs the product with.
    builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
    builder.environment().putIfAbsent("MALLOC_MMAP_THRESHOLD_", "131072");
    Process p = builder.start();
    Path status = Path.of("/proc", Long.toString(p.pid()), "status");
    long peak = 0;
    while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, highWaterMark(status));
    }
    double wall = (System.nanoTime() - start) / 1e9;
    return new ChildRun(p.exitValue(), wall, peak);
  }

  private static long highWaterMark(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process ended between two readings: keep the last one.
    }
    return 0;
  }

  /**
   * Runs the command {@code runs} times: the median wall time and the highest peak. A failed run
   * stops the benchmark with the child's own output.
   */
  static ChildRun repeated(List<String> command, Path log, int runs) throws IOException, InterruptedException {
    double[] wall = new double[runs];
    long peak = 0;
    for (int r = 0; r < runs; r++) {
      ChildRun run = of(command, log);
      if (run.exit() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed; its output:\n" + Files.readString(log));
      }
      wall[r] = run.wallSeconds();
      peak = Math.max(peak, run.peakRssBytes());
    }
    return new ChildRun(0, median(wall), peak);
  }

  /** × real time, one meaning in every benchmark: seconds of video done per second of wall time. */
  double timesRealTime(double videoSeconds) {
    return videoSeconds / wallSeconds;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
