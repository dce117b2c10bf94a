package io.mouthpiece.bench;

import io.mouthpiece.engine.face.IdentifyConfig;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mouthpiece bench identify}: `mouthpiece identify` on 720p 25 fps talking-head videos of two
 * lengths, as a user runs it (a fresh process each time, JVM start included), beside FFmpeg's plain
 * decode of the same file in the same run.
 */
@Command(name = "identify", mixinStandardHelpOptions = true,
    description = {"Speed and peak memory of `mouthpiece identify` on 1280x720 25 fps clips made from the media,",
        "against FFmpeg's own decode of the same file (threads auto, no pixel conversion)."})
final class IdentifyBench implements Callable<Integer> {
  @Mixin BenchOptions options;

  @Option(names = "--analysis-fps", paramLabel = "FPS",
      description = "Passed to identify (default: its own, " + IdentifyConfig.DEFAULT_ANALYSIS_FPS + "; 0: every frame).")
  String analysisFps;

  @Override
  public Integer call() throws Exception {
    Path root = Layout.projectRoot();
    Layout.pointTestMediaAt(root, options.media);
    Path appJar = root.resolve("app/target/mouthpiece.jar");
    Path work = Files.createTempDirectory("mouthpiece-bench");
    System.out.printf(Locale.ROOT, "identify benchmark: %d cores, %d run(s) each, medians, analysis fps %s%n",
        Runtime.getRuntime().availableProcessors(), options.runs,
        analysisFps == null ? IdentifyConfig.DEFAULT_ANALYSIS_FPS + " (default)" : analysisFps);
    System.out.printf(Locale.ROOT, "%-18s %7s %10s %10s %10s %12s %12s %10s%n",
        "clip", "frames", "ffmpeg s", "identify s", "fps", "x realtime", "x ffmpeg", "peak RSS");
    for (int seconds : options.lengths) {
      Path clip = TestMedia.long720p(seconds);
      long[] frames = new long[1];
      double[] floor = new double[options.runs];
      for (int r = 0; r < options.runs; r++) {
        floor[r] = FfmpegFloor.decodeSeconds(clip, frames);
      }
      List<String> command = Layout.javaAsLauncher(root);
      command.addAll(List.of("-jar", appJar.toString(), "identify", clip.toString(), "--faces-dir", work.toString()));
      if (analysisFps != null) {
        command.addAll(List.of("--analysis-fps", analysisFps));
      }
      ChildRun run = ChildRun.repeated(command, work.resolve("identify.log"), options.runs);
      long peak = run.peakRssBytes();
      double ffmpeg = ChildRun.median(floor);
      double identify = run.wallSeconds();
      System.out.printf(Locale.ROOT, "%-18s %7d %10.2f %10.2f %10.1f %12.1f %12.2f %8.0f MB%n",
          "720p25 " + seconds + " s", frames[0], ffmpeg, identify, frames[0] / identify, run.timesRealTime(seconds),
          identify / ffmpeg, peak / 1e6);
    }
    System.out.println("x realtime: video seconds per wall second (target >= 10). x ffmpeg: identify time / FFmpeg decode time.");
    return 0;
  }
}
