package io.mouthpiece.engine.motion;

import io.mouthpiece.engine.face.FaceTracker;
import io.mouthpiece.engine.face.FaceTrackerConfig;
import io.mouthpiece.engine.face.TrackedFace;
import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.media.ReadAhead;
import io.mouthpiece.engine.media.VideoFrame;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.mouth.MouthParams;
import io.mouthpiece.engine.testing.TestMedia;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A shared speaking clip with its mouth measured on every frame: the frame times (s), the
 * MouthParams of the first tracked face's raw landmarks (NaN rows where there is no face) and the
 * clip's audio. The per-frame walk (FaceTracker on every frame) is cached as CSV in
 * {@code target/motion-cache/}, recomputed when missing or when {@link #RECIPE} changes.
 */
record MeasuredClip(String name, double[] frameTimesSec, double[][] params, PcmAudio audio) {
  /** Bump when the measurement changes, so a stale cache is not reused. */
  private static final String RECIPE = "v1";

  static MeasuredClip load(String name) {
    Path video = TestMedia.sharedVideo(name);
    Path dir = Path.of(System.getProperty("basedir", ".")).resolve("target/motion-cache").toAbsolutePath();
    Path csv = dir.resolve(name.replaceFirst("\\.[^.]*$", "") + "-" + RECIPE + ".csv");
    try {
      if (!Files.isRegularFile(csv)) {
        Files.createDirectories(dir);
        Path part = Files.createTempFile(dir, csv.getFileName().toString(), ".part");
        Files.writeString(part, measure(video));
        Files.move(part, csv, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
      List<String> lines = Files.readAllLines(csv);
      double[] times = new double[lines.size()];
      double[][] params = new double[lines.size()][];
      for (int i = 0; i < lines.size(); i++) {
        double[] row = Arrays.stream(lines.get(i).split(",")).mapToDouble(Double::parseDouble).toArray();
        times[i] = row[0];
        params[i] = Arrays.copyOfRange(row, 1, 1 + MouthParams.COUNT);
      }
      PcmAudio audio = AudioReader.decode(video, 16_000, 1, 120_000);
      return new MeasuredClip(name, times, params, audio);
    } catch (MediaException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The whole clip as a source: its audio, frame times and measured mouth. */
  SourceSpeech source() {
    return SourceSpeech.of(audio, frameTimesSec, params);
  }

  /** The part of the clip from {@code fromSec} (inclusive) to {@code toSec}, re-timed to start at 0. */
  MeasuredClip part(double fromSec, double toSec) {
    int rate = audio.sampleRate();
    int first = (int) Math.round(fromSec * rate);
    int last = (int) Math.min(audio.frames(), Math.round(toSec * rate));
    PcmAudio cut = new PcmAudio(Arrays.copyOfRange(audio.samples(), first, last), rate, 1);
    List<double[]> rows = new ArrayList<>();
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < frameTimesSec.length; i++) {
      if (frameTimesSec[i] >= fromSec && frameTimesSec[i] < toSec) {
        times.add(frameTimesSec[i] - fromSec);
        rows.add(params[i]);
      }
    }
    return new MeasuredClip(name, times.stream().mapToDouble(Double::doubleValue).toArray(),
        rows.toArray(double[][]::new), cut);
  }

  /** The measured aperture per frame (NaN where no face). */
  double[] aperture() {
    return Arrays.stream(params).mapToDouble(p -> p[MouthParams.APERTURE]).toArray();
  }

  /** One line per frame: time (s), then MouthParams of the first face or NaN. */
  private static String measure(Path video) throws MediaException {
    StringBuilder out = new StringBuilder();
    try (ReadAhead frames = new ReadAhead(VideoReader.open(video));
        FaceTracker tracker = new FaceTracker(FaceTrackerConfig.DEFAULT)) {
      Optional<VideoFrame> next;
      while ((next = frames.read()).isPresent()) {
        try (VideoFrame frame = next.get()) {
          List<TrackedFace> faces = tracker.track(frame.bgr(), frame.timestampUs());
          double[] p = new double[MouthParams.COUNT];
          Arrays.fill(p, Double.NaN);
          if (!faces.isEmpty()) {
            p = MouthParams.of(faces.get(0).raw());
          }
          List<String> cells = new ArrayList<>();
          cells.add(String.format(Locale.ROOT, "%.6f", frame.timestampUs() / 1e6));
          for (double v : p) {
            cells.add(String.format(Locale.ROOT, "%.6f", v));
          }
          out.append(String.join(",", cells)).append('\n');
        }
      }
    }
    return out.toString();
  }
}
