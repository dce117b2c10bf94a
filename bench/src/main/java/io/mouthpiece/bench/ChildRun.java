package io.mouthpiece.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command as a child process, with the environment the `mouthpiece` launcher sets, and
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
}
