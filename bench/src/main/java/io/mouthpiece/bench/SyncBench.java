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
        "each way cold (an empty analysis cache) and warm (the analysis the cold run kept)."})
final class SyncBench implements Callable<Integer> {
  @Mixin BenchOptions options;

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
    for (int seconds : options.lengths) {
      Path clip = TestMedia.oneFace720p("retalking_face2.mp4", seconds);
      double[] floor = new double[options.runs];
      for (int r = 0; r < options.runs; r++) {
        floor[r] = FfmpegFloor.transcodeSeconds(clip, work.resolve("ffmpeg.mp4"));
      }
      double ffmpeg = ChildRun.median(floor);
      for (boolean named : new boolean[] {true, false}) {
        String way = "720p25 " + seconds + " s" + (named ? " --face 0" : " largest");
        double[] cold = new double[options.runs];
        double[] warm = new double[options.runs];
        long coldPeak = 0;
        long warmPeak = 0;
        // Cold and warm alternate, so both see the same share of whatever else the machine does.
        for (int r = 0; r < options.runs; r++) {
          Path cache = Files.createTempDirectory(work, "cache");
          List<String> command = syncCommand(root, appJar, clip, speech, work, cache, named);
          ChildRun first = ChildRun.repeated(command, work.resolve("sync.log"), 1);
          expect(work.resolve("sync.log"), "kept in ");
          ChildRun second = ChildRun.repeated(command, work.resolve("sync.log"), 1);
          expect(work.resolve("sync.log"), " from the cache");
          cold[r] = first.wallSeconds();
          warm[r] = second.wallSeconds();
          coldPeak = Math.max(coldPeak, first.peakRssBytes());
          warmPeak = Math.max(warmPeak, second.peakRssBytes());
        }
        row(way + " cold", ffmpeg, ChildRun.median(cold), seconds, coldPeak);
        row(way + " warm", ffmpeg, ChildRun.median(warm), seconds, warmPeak);
      }
    }
    System.out.println("x realtime: video seconds per wall second, as in bench identify (target >= 2). x ffmpeg: sync time / FFmpeg decode+encode"
        + " time (target <= 2 cold, <= 1.3 warm). cold: the analysis computed and kept; warm: read back from the cache.");
    return 0;
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

  /** A run that did not use the cache as meant measures something else: stop, with its output. */
  private static void expect(Path log, String said) throws java.io.IOException {
    String output = Files.readString(log);
    if (!output.contains(said)) {
      throw new IllegalStateException("the sync's last line should say \"" + said.trim() + "\"; its output:\n" + output);
    }
  }

  private static void row(String what, double ffmpeg, double sync, int seconds, long peak) {
    System.out.printf(Locale.ROOT, "%-30s %10.2f %10.2f %12.2f %10.2f %8.0f MB%n", what, ffmpeg, sync, seconds / sync,
        sync / ffmpeg, peak / 1e6);
  }
}
