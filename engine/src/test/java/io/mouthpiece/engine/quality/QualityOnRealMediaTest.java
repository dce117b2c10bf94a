package io.mouthpiece.engine.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.media.AudioInfo;
import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.media.VideoFrame;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The measures on the shared talking heads, each against its own audio and against the others':
 * what real speech reaches, the null, the closed-mouth threshold, and a strip to look at. Every
 * speaking clip is tracked once, for the whole class.
 */
class QualityOnRealMediaTest {
  /** The shared videos with speech. */
  private static final List<String> SPEAKING = List.of(
      "retalking_face1.mp4", "retalking_face2.mp4", "retalking_face3.mp4", "retalking_face5.mp4",
      "sadtalker_WDA_AOC_000.mp4");
  /** One of each footage: retalking_face3 is the first 5 s of sadtalker_WDA_AOC_000 (2 frames apart). */
  private static final List<String> DISTINCT = List.of(
      "retalking_face1.mp4", "retalking_face2.mp4", "retalking_face5.mp4", "sadtalker_WDA_AOC_000.mp4");

  private static final Map<String, ApertureTrack> TRACKS = new LinkedHashMap<>();
  private static final Map<String, PcmAudio> AUDIO = new LinkedHashMap<>();

  @BeforeAll
  static void measureEverySpeakingClip() throws MediaException {
    for (String name : SPEAKING) {
      Path video = TestMedia.video(name);
      long start = System.nanoTime();
      TRACKS.put(name, ApertureTrack.measure(video));
      AudioInfo info = AudioReader.probe(video);
      AUDIO.put(name, AudioReader.decode(video, info.sampleRate(), info.channels(), 60_000));
      System.out.printf(Locale.ROOT, "tracked %s: %d frames, face in %d, %.1f s%n", name, TRACKS.get(name).size(),
          TRACKS.get(name).facesFound(), (System.nanoTime() - start) / 1e9);
    }
  }

  @Test
  void everyFrameIsMeasuredAtItsOwnTime() throws MediaException {
    // retalking_face1 has a variable frame rate: its times are no multiple of a frame period.
    String name = "retalking_face1.mp4";
    List<Double> decoded = new ArrayList<>();
    try (VideoReader reader = VideoReader.open(TestMedia.video(name))) {
      Optional<VideoFrame> frame;
      while ((frame = reader.read()).isPresent()) {
        decoded.add(frame.get().timestampUs() / 1e6);
        frame.get().close();
      }
    }
    ApertureTrack track = TRACKS.get(name);
    assertEquals(decoded.size(), track.size());
    for (int i = 0; i < track.size(); i++) {
      assertEquals(decoded.get(i), track.timesSec()[i], 1e-9, "frame " + i);
    }
    for (String clip : SPEAKING) {
      ApertureTrack t = TRACKS.get(clip);
      assertEquals(t.size(), t.facesFound(), clip + ": one speaking face in every frame");
      for (int i = 0; i < t.size(); i++) {
        assertTrue(t.interocularPx()[i] > 40 && t.aperture()[i] >= 0 && t.aperture()[i] < 0.8, clip + " frame " + i);
      }
    }
  }

  @Test
  void naturalSpeechIsInSyncAndTheNullIsNot() {
    List<SyncCase> natural = new ArrayList<>();
    List<SyncCase> rotated = new ArrayList<>();
    List<SyncCase> crossed = new ArrayList<>();
    for (int i = 0; i < DISTINCT.size(); i++) {
      ApertureTrack video = TRACKS.get(DISTINCT.get(i));
      natural.add(SyncCase.of(video, AUDIO.get(DISTINCT.get(i))));
      rotated.add(SyncCase.of(video, AUDIO.get(DISTINCT.get((i + 1) % DISTINCT.size()))));
      for (int j = 0; j < DISTINCT.size(); j++) {
        if (j != i) {
          crossed.add(SyncCase.of(video, AUDIO.get(DISTINCT.get(j))));
        }
      }
      LagCurve own = SyncCurve.of(natural.get(i));
      System.out.printf(Locale.ROOT, "own audio %-26s r in window %.3f at %+d ms; curve peak %.3f at %+d ms%n",
          DISTINCT.get(i), own.bestR(PooledSync.WINDOW_FROM_MS, PooledSync.WINDOW_TO_MS),
          own.bestLagMs(PooledSync.WINDOW_FROM_MS, PooledSync.WINDOW_TO_MS), own.peakR(), own.peakLagMs());
    }
    PooledSync.Result real = PooledSync.of(natural);
    PooledSync.Result rotation = PooledSync.of(rotated);
    PooledSync.Result nullAll = PooledSync.of(crossed);
    print("natural (own audio)", real);
    print("null (audios rotated)", rotation);
    print("null (every other audio)", nullAll);
    assertTrue(real.windowR() > 0.12, "natural pooled r " + real.windowR());
    assertTrue(real.peakInWindow(), "natural peak at " + real.peakLagMs() + " ms");
    assertTrue(Math.abs(nullAll.windowR()) < 0.07, "null pooled r " + nullAll.windowR());
    assertTrue(Math.abs(nullAll.curve().rAt(0)) < 0.07, "null pooled r at 0 ms " + nullAll.curve().rAt(0));
    assertTrue(real.windowR() - rotation.windowR() > 0.05, "natural " + real.windowR() + " vs rotated " + rotation.windowR());
  }

  private static void print(String what, PooledSync.Result r) {
    System.out.printf(Locale.ROOT, "pooled %-26s r in window %.3f at %+d ms; r at 0 ms %.3f; global peak %.3f at %+d ms"
            + " (%s the window); %d frames%n", what, r.windowR(), r.windowLagMs(), r.curve().rAt(0), r.curve().peakR(),
        r.peakLagMs(), r.peakInWindow() ? "inside" : "outside", r.frames());
  }

  /**
   * The data behind {@link SilenceClosure#CLOSED_APERTURE}: every speaker's aperture distribution,
   * and the apertures inside the pauses of their own audio.
   */
  @Test
  void closedThresholdSitsAboveRealClosedLipsAndBelowSpeech() {
    double closed = SilenceClosure.CLOSED_APERTURE;
    for (String name : SPEAKING) {
      ApertureTrack t = TRACKS.get(name);
      double[] sorted = t.aperture().clone();
      Arrays.sort(sorted);
      List<SilenceClosure.Stretch> pauses = SilenceClosure.silentStretches(AUDIO.get(name));
      StringBuilder inPauses = new StringBuilder();
      List<Double> speaking = new ArrayList<>();
      for (int i = 0; i < t.size(); i++) {
        double time = t.timesSec()[i];
        if (pauses.stream().anyMatch(p -> p.contains(time))) {
          inPauses.append(String.format(Locale.ROOT, " %.3f", t.aperture()[i]));
        } else {
          speaking.add(t.aperture()[i]);
        }
      }
      long closedWhileSpeaking = speaking.stream().filter(a -> a <= closed).count();
      SilenceClosure.Result r = SilenceClosure.measure(t, AUDIO.get(name));
      System.out.printf(Locale.ROOT, "aperture %-26s min %.3f p5 %.3f p10 %.3f p25 %.3f median %.3f p90 %.3f;"
              + " closed while speaking %d of %d; pauses %s closed %d of %d:%s%n",
          name, sorted[0], pct(sorted, 5), pct(sorted, 10), pct(sorted, 25), pct(sorted, 50), pct(sorted, 90),
          closedWhileSpeaking, speaking.size(), describe(pauses), r.closedFrames(), r.framesInSilence(), inPauses);
      // Every speaker shuts the lips now and then (p, b, m; the ends of phrases): the threshold sees it.
      assertTrue(sorted[0] <= closed, name + ": the most closed frame, " + sorted[0] + ", is not called closed");
      // While speaking, lips are mostly apart: a threshold catching much of speech would be too high.
      assertTrue(closedWhileSpeaking < 0.25 * speaking.size(), name + ": " + closedWhileSpeaking + " of "
          + speaking.size() + " speaking frames called closed");
    }
    // retalking_face1 rests with closed lips in both of its pauses (2.4-3.5 s, 4.6-6.0 s).
    SilenceClosure.Result rest = SilenceClosure.measure(TRACKS.get("retalking_face1.mp4"), AUDIO.get("retalking_face1.mp4"));
    assertTrue(rest.silences().size() >= 2 && rest.closedFraction() > 0.6, "retalking_face1 in its pauses: " + rest);
  }

  @Test
  void theSameFootageHasTheSameMouthAtTheRightOffset() {
    // retalking_face3 is sadtalker_WDA_AOC_000's first 5 s, re-encoded at another size, 2 frames apart.
    ApertureTrack face3 = TRACKS.get("retalking_face3.mp4");
    ApertureTrack aoc = TRACKS.get("sadtalker_WDA_AOC_000.mp4");
    ApertureTrack face2 = TRACKS.get("retalking_face2.mp4");
    int n = face3.size() - 8;
    double best = Double.MAX_VALUE;
    int bestOffset = 0;
    StringBuilder line = new StringBuilder("mouth distance face3 vs AOC shifted by k frames:");
    for (int k = -4; k <= 4; k++) {
      double d = MouthDistance.mean(face3.slice(4, 4 + n), aoc.slice(4 + k, 4 + k + n));
      line.append(String.format(Locale.ROOT, " %+d: %.3f", k, d));
      if (d < best) {
        best = d;
        bestOffset = k;
      }
    }
    double stranger = MouthDistance.mean(face3.slice(0, n), face2.slice(0, n));
    System.out.printf(Locale.ROOT, "%s; face3 vs face2 (another person): %.3f%n", line, stranger);
    assertEquals(2, Math.abs(bestOffset));
    assertTrue(best < stranger / 3, "same footage " + best + " vs another person " + stranger);
  }

  @Test
  void stripOfRetalkingFace2WithItsOwnAudio() throws Exception {
    String name = "retalking_face2.mp4";
    LagCurve own = SyncCurve.of(SyncCase.of(TRACKS.get(name), AUDIO.get(name)));
    Path png = Path.of("target", "quality", "strip-retalking_face2-own-audio.png");
    Files.createDirectories(png.getParent());
    String title = String.format(Locale.ROOT, "%s with its own audio: sync r %.2f at %+d ms (window -40..+120 ms), "
        + "curve peak %+d ms", name, own.bestR(PooledSync.WINDOW_FROM_MS, PooledSync.WINDOW_TO_MS),
        own.bestLagMs(PooledSync.WINDOW_FROM_MS, PooledSync.WINDOW_TO_MS), own.peakLagMs());
    Strip.write(png, TestMedia.video(name), TRACKS.get(name), AUDIO.get(name), title, 8);
    System.out.println("strip written to " + png.toAbsolutePath());
    try (Mat image = opencv_imgcodecs.imread(png.toString())) {
      assertEquals(Strip.WIDTH_PX, image.cols());
      assertTrue(image.rows() > 600, "strip height " + image.rows());
    }
  }

  private static double pct(double[] sorted, int p) {
    return sorted[(int) Math.floor(p / 100.0 * (sorted.length - 1))];
  }

  private static String describe(List<SilenceClosure.Stretch> pauses) {
    StringBuilder s = new StringBuilder();
    for (SilenceClosure.Stretch p : pauses) {
      s.append(String.format(Locale.ROOT, "[%.2f-%.2f s]", p.startSec(), p.endSec()));
    }
    return s.length() == 0 ? "none" : s.toString();
  }
}
