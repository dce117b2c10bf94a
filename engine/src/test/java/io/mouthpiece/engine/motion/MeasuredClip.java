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
import io.mouthpiece.engine.testing.TestAudio;
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
 * A speaking clip of the motion corpus ({@link TestMedia#motionCorpus()}) with its mouth measured
 * on every frame: the frame times (s), the MouthParams of the first tracked face's raw landmarks
 * (NaN rows where there is no face) and the clip's speech (16 kHz mono, FLAC). The corpus holds what the
 * per-frame walk (FaceTracker on every frame) measured on the full videos, so that the motion tests
 * run from the repository alone; {@link #remeasure} writes it again from a media folder.
 */
record MeasuredClip(String name, double[] frameTimesSec, double[][] params, PcmAudio audio) {
  /**
   * The speech as stored: FLAC, lossless. Not AAC: at 40 kbps its spectral holes in quiet bands move
   * the held-out half-split figures of HalfSplitTest by up to 0.08.
   */
  private static final String EXT = ".flac";

  static MeasuredClip load(String name) {
    Path csv = TestMedia.motionCorpus().resolve(TestMedia.stem(name) + ".csv");
    Path speech = TestMedia.motionCorpus().resolve(TestMedia.stem(name) + EXT);
    if (!Files.isRegularFile(csv) || !Files.isRegularFile(speech)) {
      throw new IllegalStateException("the motion corpus lacks " + TestMedia.stem(name) + ".csv or .flac in " + csv.getParent()
          + "; write it from the media: " + REMEASURE);
    }
    try {
      List<String> lines = Files.readAllLines(csv);
      double[] times = new double[lines.size()];
      double[][] params = new double[lines.size()][];
      for (int i = 0; i < lines.size(); i++) {
        double[] row = Arrays.stream(lines.get(i).split(",")).mapToDouble(Double::parseDouble).toArray();
        times[i] = row[0];
        params[i] = Arrays.copyOfRange(row, 1, 1 + MouthParams.COUNT);
      }
      return new MeasuredClip(name, times, params, AudioReader.decode(speech, 16_000, 1, 120_000));
    } catch (MediaException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How to write the motion corpus again, e.g. after the face models or MouthParams change. */
  static final String REMEASURE = "mvn -f engine/pom.xml test -Dtest=MotionCorpusTest -Dmouthpiece.remeasure=../shared/media";

  /** Measures every clip of the manifest found in {@code media}/video and writes it to the motion corpus. */
  static void remeasure(Path media) throws MediaException, IOException {
    Path dir = Files.createDirectories(TestMedia.motionCorpus());
    for (TrainingCorpus.Clip clip : TrainingCorpus.clips()) {
      Path video = media.resolve("video").resolve(clip.file());
      Path csv = dir.resolve(TestMedia.stem(clip.file()) + ".csv");
      Path part = Files.createTempFile(dir, csv.getFileName().toString(), ".part");
      Files.writeString(part, measure(video));
      Files.move(part, csv, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      TestAudio.writeFlac(AudioReader.decode(video, 16_000, 1, 120_000), dir.resolve(TestMedia.stem(clip.file()) + EXT));
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
    return column(MouthParams.APERTURE);
  }

  /** One measured param per frame (NaN where no face), e.g. {@link MouthParams#WIDTH}. */
  double[] column(int param) {
    return Arrays.stream(params).mapToDouble(p -> p[param]).toArray();
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
