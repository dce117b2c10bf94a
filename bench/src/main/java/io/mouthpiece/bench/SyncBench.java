package io.mouthpiece.bench;

import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code mouthpiece bench sync}: `mouthpiece sync` end to end (decode, track, render, encode, mux)
 * on 720p 25 fps videos of two lengths with one talking face throughout, dubbed with the shared
 * 60 s English speech over the whole video, as a user runs it (a fresh process), beside FFmpeg's own
 * decode + encode of the same file at the same encoder settings in the same run. Two ways: with
 * the face named (as the API does, from identify-face), and without (the command line then
 * identifies the faces first to pick the largest). Each way twice: first on an empty analysis
 * cache (cold: the video is analysed and kept), then again on what that run kept (warm: the
 * analysis is read back, as for a second language of the same video).
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = {"Speed and peak memory of `mouthpiece sync` on 1280x720 25 fps clips made from the media,",
        "against FFmpeg decoding and re-encoding the same file at the engine's encoder settings;",
        "each way cold (an empty analysis cache) and warm (the analysis the cold run kept);",
        "then where the time went, stage by stage, and the cores each way kept busy, second by second."})
final class SyncBench implements Callable<Integer> {
  @Mixin BenchOptions options;
  /** Cores FFmpeg's last decode + encode kept busy on average. */
  private double floorCores;

  @Override
  public Integer call() throws Exception {
    Path root = Layout.projectRoot();
    Layout.pointTestMediaAt(root, options.media);
    Path appJar = root.resolve("app/target/mouthpiece.jar");
    Path speech = TestMedia.audio("musetalk_eng.flac");
    Path work = Files.createTempDirectory("mouthpiece-bench");
    System.out.printf(Locale.ROOT, "sync benchmark: %d cores, %d run(s) each, medians; speech %s%n",
        Runtime.getRuntime().availableProcessors(), options.runs, speech.getFileName());
    System.out.printf(Locale.ROOT, "%-30s %10s %10s %12s %10s %10s%n", "clip", "ffmpeg s", "sync s", "x realtime", "x ffmpeg",
        "peak RSS");
    List<String> splits = new java.util.ArrayList<>();
    List<String> timelines = new java.util.ArrayList<>();
    for (int seconds : options.lengths) {
      Path clip = TestMedia.oneFace720p("retalking_face2.mp4", seconds);
      for (boolean named : new boolean[] {true, false}) {
        String way = "720p25 " + seconds + " s" + (named ? " --face 0" : " largest");
        Measured cold = new Measured(options.runs);
        Measured warm = new Measured(options.runs);
        // Each sync beside its own FFmpeg run, just before it: on a shared machine the load moves
        // within minutes, and a ratio to a floor measured earlier would measure that move too.
        for (int r = 0; r < options.runs; r++) {
          Path cache = Files.createTempDirectory(work, "cache");
          List<String> command = syncCommand(root, appJar, clip, speech, work, cache, named);
          long cpuBefore = processCpuNs();
          double floor = FfmpegFloor.transcodeSeconds(clip, work.resolve("ffmpeg.mp4"));
          floorCores = (processCpuNs() - cpuBefore) / 1e9 / floor;
          cold.add(r, floor,
              ChildRun.repeated(command, work.resolve("sync.log"), 1), stages(work.resolve("sync.log"), "kept in "));
          warm.add(r, FfmpegFloor.transcodeSeconds(clip, work.resolve("ffmpeg.mp4")),
              ChildRun.repeated(command, work.resolve("sync.log"), 1), stages(work.resolve("sync.log"), " from the cache"));
        }
        cold.print(way + " cold", seconds);
        warm.print(way + " warm", seconds);
        splits.add(cold.split(way + " cold"));
        splits.add(warm.split(way + " warm"));
        timelines.add(cold.timeline(way + " cold"));
        timelines.add(warm.timeline(way + " warm"));
      }
      long[] frames = new long[1];
      double decode = FfmpegFloor.decodeSeconds(clip, frames);
      System.out.printf(Locale.ROOT, "%nwhere the time went, %d s clip (medians, seconds); FFmpeg alone decodes it in %.2f s%n",
          seconds, decode);
      System.out.printf(Locale.ROOT, "%-30s %8s %9s %8s %8s %8s %9s %8s%n", "", "ffmpeg", "analysis", "planning", "render",
          "encoder", "other", "sync");
      splits.forEach(System.out::println);
      splits.clear();
      System.out.printf(Locale.ROOT, "cores busy, second by second, in each way's last run (2.0: both cores of a 2-core"
          + " machine); FFmpeg's decode + encode kept %.2f busy on average:%n", floorCores);
      timelines.forEach(System.out::println);
      timelines.clear();
    }
    System.out.println("encoder: of render, the time the encoder's thread was busy (near render: the encoder bounds it)."
        + " other: the JVM's start, loading the libraries, hashing the video, the report, the exit (sync - the stages).");
    System.out.println("x realtime: video seconds per wall second, as in bench identify (target >= 2). x ffmpeg: sync time / FFmpeg decode+encode"
        + " time just before it (target <= 1.6 cold, <= 1.3 warm). cold: the analysis computed and kept; warm: read back from the cache.");
    return 0;
  }

  /** This process's CPU time so far (all threads): FFmpeg's floor runs in it. */
  private static long processCpuNs() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static List<String> syncCommand(Path root, Path appJar, Path clip, Path speech, Path work, Path cache,
      boolean named) throws java.io.IOException {
    List<String> command = Layout.javaAsLauncher(root);
    command.addAll(List.of("-jar", appJar.toString(), "sync", "--cache-dir", cache.toString(),
        "--video", clip.toString(), "--audio", speech.toString(), "--out", work.resolve("sync.mp4").toString()));
    if (named) {
      command.addAll(List.of("--face", "0"));
    }
    return command;
  }

  /** The sync's own last line: "... (analysis A s[ from the cache| kept in ...], planning P s, render R s, encoder busy E s)". */
  private static final java.util.regex.Pattern STAGES = java.util.regex.Pattern.compile(
      "analysis ([0-9.]+) s[^,]*, planning ([0-9.]+) s, render ([0-9.]+) s, encoder busy ([0-9.]+) s");

  /**
   * The stages' seconds (analysis, planning, render, encoder busy) the sync printed. A run that did
   * not use the cache as meant ({@code said}) measures something else: stop, with its output.
   */
  private static double[] stages(Path log, String said) throws java.io.IOException {
    String output = Files.readString(log);
    if (!output.contains(said)) {
      throw new IllegalStateException("the sync's last line should say \"" + said.trim() + "\"; its output:\n" + output);
    }
    java.util.regex.Matcher m = STAGES.matcher(output);
    if (!m.find()) {
      throw new IllegalStateException("no stage times in the sync's output:\n" + output);
    }
    return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
        Double.parseDouble(m.group(4))};
  }

  /** One way's runs: each sync's wall time, peak memory, and the FFmpeg run beside it. */
  private static final class Measured {
    final double[] ffmpeg;
    final double[] sync;
    final double[] ratio;
    /** Per stage (analysis, planning, render, encoder busy, other), per run. */
    final double[][] stages;
    long peak;
    double[] lastCores = new double[0];

    Measured(int runs) {
      ffmpeg = new double[runs];
      sync = new double[runs];
      ratio = new double[runs];
      stages = new double[5][runs];
    }

    void add(int r, double ffmpegSeconds, ChildRun run, double[] stageSeconds) {
      ffmpeg[r] = ffmpegSeconds;
      sync[r] = run.wallSeconds();
      ratio[r] = run.wallSeconds() / ffmpegSeconds;
      peak = Math.max(peak, run.peakRssBytes());
      lastCores = run.coresBusy();
      for (int s = 0; s < 4; s++) {
        stages[s][r] = stageSeconds[s];
      }
      stages[4][r] = run.wallSeconds() - stageSeconds[0] - stageSeconds[1] - stageSeconds[2];
    }

    /** The last run's cores busy per second, with their mean. */
    String timeline(String what) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-30s mean %.2f:", what,
          java.util.Arrays.stream(lastCores).average().orElse(Double.NaN)));
      for (double c : lastCores) {
        line.append(String.format(Locale.ROOT, " %.1f", c));
      }
      return line.toString();
    }

    /** One line of the split: the medians of FFmpeg's run and each stage. */
    String split(String what) {
      return String.format(Locale.ROOT, "%-30s %8.2f %9.2f %8.2f %8.2f %8.2f %9.2f %8.2f", what, ChildRun.median(ffmpeg),
          ChildRun.median(stages[0]), ChildRun.median(stages[1]), ChildRun.median(stages[2]), ChildRun.median(stages[3]),
          ChildRun.median(stages[4]), ChildRun.median(sync));
    }

    /** Medians; x ffmpeg is the median of each run's own ratio. */
    void print(String what, int seconds) {
      double wall = ChildRun.median(sync);
      System.out.printf(Locale.ROOT, "%-30s %10.2f %10.2f %12.2f %10.2f %8.0f MB%n", what, ChildRun.median(ffmpeg), wall,
          seconds / wall, ChildRun.median(ratio), peak / 1e6);
    }
  }
}
