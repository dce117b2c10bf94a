package io.mouthpiece.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command as a child process, with the environment the `mouthpiece` launcher sets (its JVM
 * flags are the caller's part: {@link Layout#javaAsLauncher}), and
 * measures it from outside: wall time, peak resident memory (VmHWM, read from /proc while it
 * runs; the last reading before it exits), and how many cores it kept busy, second by second.
 *
 * @param coresBusy per second of the run, the CPU seconds its threads used (2.0: both cores of a
 *     2-core machine); empty where /proc cannot be read
 */
record ChildRun(int exit, double wallSeconds, long peakRssBytes, double[] coresBusy) {
  /** Linux's clock ticks a second, the unit of /proc/PID/stat's CPU times (USER_HZ, 100 on every Linux ABI). */
  private static final double TICKS_PER_SECOND = 100;

  static ChildRun of(List<String> command, Path log) throws IOException, InterruptedException {
    long start = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // The memory settings the `mouthpiece` launcher runs the product with.
    builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
    builder.environment().putIfAbsent("MALLOC_MMAP_THRESHOLD_", "131072");
    Process p = builder.start();
    Path status = Path.of("/proc", Long.toString(p.pid()), "status");
    Path stat = Path.of("/proc", Long.toString(p.pid()), "stat");
    long peak = 0;
    List<Double> cores = new java.util.ArrayList<>();
    long lastTicks = 0;
    long nextSecondNs = start + 1_000_000_000L;
    while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, highWaterMark(status));
      if (System.nanoTime() >= nextSecondNs) {
        long ticks = cpuTicks(stat);
        if (ticks >= lastTicks) {
          cores.add((ticks - lastTicks) / TICKS_PER_SECOND);
          lastTicks = ticks;
        }
        nextSecondNs += 1_000_000_000L;
      }
    }
    double wall = (System.nanoTime() - start) / 1e9;
    return new ChildRun(p.exitValue(), wall, peak, cores.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The process's user + system CPU time so far, in clock ticks; -1 once it is gone. */
  private static long cpuTicks(Path stat) {
    try {
      String line = Files.readString(stat);
      // Fields after the command's closing parenthesis (the command may hold spaces): utime is the 12th, stime the 13th.
      String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
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
    double[] cores = new double[0];
    for (int r = 0; r < runs; r++) {
      ChildRun run = of(command, log);
      if (run.exit() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed; its output:\n" + Files.readString(log));
      }
      wall[r] = run.wallSeconds();
      peak = Math.max(peak, run.peakRssBytes());
      cores = run.coresBusy();
    }
    return new ChildRun(0, median(wall), peak, cores);
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
