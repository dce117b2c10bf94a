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
 * identifies the faces first to pick the largest).
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = {"Speed and peak memory of `mouthpiece sync` on 1280x720 25 fps clips made from the media,",
        "against FFmpeg decoding and re-encoding the same file at the engine's encoder settings."})
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
    System.out.printf(Locale.ROOT, "%-26s %10s %10s %12s %10s %10s%n", "clip", "ffmpeg s", "sync s", "x realtime", "x ffmpeg",
        "peak RSS");
    for (int seconds : options.lengths) {
      Path clip = TestMedia.oneFace720p("retalking_face2.mp4", seconds);
      double[] floor = new double[options.runs];
      for (int r = 0; r < options.runs; r++) {
        floor[r] = FfmpegFloor.transcodeSeconds(clip, work.resolve("ffmpeg.mp4"));
      }
      double ffmpeg = ChildRun.median(floor);
      for (boolean named : new boolean[] {true, false}) {
        List<String> command = Layout.javaAsLauncher(root);
        command.addAll(List.of("-jar", appJar.toString(), "sync",
            "--video", clip.toString(), "--audio", speech.toString(), "--out", work.resolve("sync.mp4").toString()));
        if (named) {
          command.addAll(List.of("--face", "0"));
        }
        ChildRun run = ChildRun.repeated(command, work.resolve("sync.log"), options.runs);
        double sync = run.wallSeconds();
        long peak = run.peakRssBytes();
        System.out.printf(Locale.ROOT, "%-26s %10.2f %10.2f %12.2f %10.2f %8.0f MB%n",
            "720p25 " + seconds + " s" + (named ? " --face 0" : " largest face"), ffmpeg, sync, run.timesRealTime(seconds), sync / ffmpeg, peak / 1e6);
      }
    }
    System.out.println("x realtime: video seconds per wall second, as in bench identify (target >= 2). x ffmpeg: sync time / FFmpeg decode+encode"
        + " time (target <= 2).");
    return 0;
  }
}
