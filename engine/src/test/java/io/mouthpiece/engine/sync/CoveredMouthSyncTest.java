package io.mouthpiece.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.LipSync;
import io.mouthpiece.engine.Progress;
import io.mouthpiece.engine.media.VideoFrame;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.mouth.MouthExemplar;
import io.mouthpiece.engine.report.FrameFate;
import io.mouthpiece.engine.report.QualityReport;
import io.mouthpiece.engine.testing.OccludedClip;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand or a microphone passing in front of the mouth of a real speaking clip, through the whole
 * sync: the object is left as it was in every frame, the mouth is re-rendered before and after it,
 * and the frames it covers are counted in the quality report.
 */
class CoveredMouthSyncTest {
  @TempDir Path temp;

  /** When the object passes (for {@link OccludedClip#PASS_MS}). */
  private static final long PASS_AT_MS = 2000;
  /**
   * A pixel further than this from the source (grey levels, any channel) beyond what re-encoding the
   * source alone moves it was drawn on: CRF 18 moves almost no pixel this far.
   */
  private static final int REDRAWN_LEVELS = 40;
  /**
   * Pixels of the object allowed past {@link #REDRAWN_LEVELS}: x264 codes a frame differently when
   * its neighbours differ, which moves a few pixels of a sharp texture (the microphone's grille)
   * that far with nothing drawn (SyncJobTest counts a half-picture redrawn from 25 such pixels).
   */
  private static final int MAX_REDRAWN_OBJECT_PIXELS = 25;
  /** Frames this far from the object's pass are ordinary speaking frames: the mouth there must be redrawn. */
  private static final long WELL_AWAY_MS = 400;

  @Test
  void aHandOverTheMouthIsLeftUntouchedAndTheMouthIsRedrawnAroundIt() throws Exception {
    check(OccludedClip.of("retalking_face5.mp4", OccludedClip.Kind.HAND, PASS_AT_MS));
  }

  @Test
  void aMicrophoneOverTheMouthIsLeftUntouchedAndTheMouthIsRedrawnAroundIt() throws Exception {
    check(OccludedClip.of("retalking_face3.mp4", OccludedClip.Kind.MICROPHONE, PASS_AT_MS));
  }

  @Test
  void theCoveredFramesSurviveTheAnalysisCacheAndAreNotMouthsToDraw() throws Exception {
    OccludedClip clip = OccludedClip.of("retalking_face5.mp4", OccludedClip.Kind.HAND, PASS_AT_MS);
    try (AnalysisPass.Analysis a = AnalysisPass.run(clip.file(), null, SyncConfig.DEFAULT.tracker(),
        SyncConfig.DEFAULT.maxExemplars(), p -> { })) {
      FaceData face = a.faces().get("0");
      int covered = 0;
      for (int i = 0; i < a.frames(); i++) {
        covered += face.covered(i) ? 1 : 0;
      }
      assertTrue(covered >= 8, "the hand rests on the mouth for 0.4 s (10 frames): " + covered + " covered");
      long passUs = PASS_AT_MS * 1000;
      for (MouthExemplar e : face.library().exemplars()) {
        long t = a.frameTimesUs()[e.frameIndex()];
        assertTrue(t < passUs || t >= passUs + OccludedClip.PASS_MS * 1000, "frame " + e.frameIndex() + " has the hand in"
            + " the picture: not a mouth to draw");
      }
      // 125 frames, far under the library's bound: every frame was offered and looked at, none thinned.
      assertTrue(face.library().sifting().covered() >= covered, "every covered frame is counted as left out");
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      AnalysisFile.write("k", a, null, bytes);
      try (AnalysisPass.Analysis back = AnalysisFile.read("k", new ByteArrayInputStream(bytes.toByteArray())).analysis()) {
        FaceData read = back.faces().get("0");
        for (int i = 0; i < a.frames(); i++) {
          assertEquals(face.covered(i), read.covered(i), "frame " + i + " read back");
        }
      }
    }
  }

  private void check(OccludedClip clip) throws Exception {
    Path out = temp.resolve("out.mp4");
    SyncResult r = LipSync.sync(new SyncRequest(clip.file(), List.of(new FaceDub("0",
        io.mouthpiece.engine.testing.TestMedia.audio("retalking_2.wav"), 0, FaceDub.TO_AUDIO_END, 0, 1.0)), 0.5, out),
        SyncConfig.DEFAULT, Progress.NONE);
    Path noise = ReEncoded.of(clip.file(), temp.resolve("round-trip.mp4"));
    long passStartUs = PASS_AT_MS * 1000;
    long passEndUs = passStartUs + OccludedClip.PASS_MS * 1000;
    int truly = 0;
    int redrawnAway = 0;
    int away = 0;
    StringBuilder log = new StringBuilder();
    List<Mat> strip = new java.util.ArrayList<>();
    try (VideoReader src = VideoReader.open(clip.file()); VideoReader dst = VideoReader.open(out);
        VideoReader ref = VideoReader.open(noise)) {
      for (int n = 0; ; n++) {
        Optional<VideoFrame> a = src.read();
        Optional<VideoFrame> b = dst.read();
        Optional<VideoFrame> c = ref.read();
        if (a.isEmpty() || b.isEmpty() || c.isEmpty()) {
          break;
        }
        try (VideoFrame s = a.get(); VideoFrame o = b.get(); VideoFrame e = c.get()) {
          Rect box = clip.box(n, s.width(), s.height());
          double[] object = difference(clip, n, s.bgr(), o.bgr(), e.bgr(), true);
          double[] mouth = difference(clip, n, s.bgr(), o.bgr(), e.bgr(), false);
          truly += clip.mouthCovered(n) >= 0.5 ? 1 : 0;
          log.append(String.format(Locale.ROOT, "%3d cover %.2f object %5.0f px: redrawn %3.0f mean %.2f (re-encoding %.2f)"
              + " | mouth redrawn %4.0f%n", n, clip.mouthCovered(n), object[0], object[1], object[2], object[3], mouth[1]));
          if (box.width() > 0) {
            assertTrue(object[1] <= MAX_REDRAWN_OBJECT_PIXELS && object[2] < object[3] + 0.5, "frame " + n + ": the object is the source's, but for"
                + " re-encoding\n" + log);
          }
          if (n % 2 == 0 && s.timestampUs() >= passStartUs - 300_000 && s.timestampUs() < passEndUs + 300_000) {
            strip.add(tile(o.bgr(), clip.mouth()[n]));
          }
          long t = s.timestampUs();
          if (t < passStartUs - WELL_AWAY_MS * 1000 || t >= passEndUs + WELL_AWAY_MS * 1000) {
            away++;
            redrawnAway += mouth[1] > 25 ? 1 : 0;
          }
        }
      }
    }
    System.out.println(clip.file().getFileName() + "\n" + log);
    writeStrip(strip, clip.file().getFileName().toString().replace(".mp4", ".png"));
    assertTrue(redrawnAway >= 0.8 * away, "the mouth is redrawn well before and after the object: " + redrawnAway + " of "
        + away + " frames\n" + log);
    QualityReport q = r.quality().get(0);
    int covered = q.frames().passedThrough().getOrDefault(FrameFate.MOUTH_COVERED, 0);
    assertTrue(Math.abs(covered - truly) <= 2, "frames counted covered " + covered + ", truly covered (half the mouth or"
        + " more) " + truly + "\n" + q);
    // About 12 frames covered and 6 beside them, of 125: over the tenth of the window the verdict names.
    assertTrue(q.verdict().contains("the mouth is covered"), q.verdict() + " " + q.frames());
  }

  /**
   * Over the object's pixels ({@code onObject}) or over the mouth's box without them: how many
   * pixels the sync redrew (further from the source than re-encoding moved them), the output's mean
   * difference from the source, and re-encoding's.
   */
  private static double[] difference(OccludedClip clip, int n, Mat source, Mat output, Mat reencoded, boolean onObject) {
    UByteIndexer s = source.createIndexer();
    UByteIndexer o = output.createIndexer();
    UByteIndexer e = reencoded.createIndexer();
    int count = 0;
    int redrawn = 0;
    double sumOut = 0;
    double sumNoise = 0;
    Rect area = onObject ? clip.box(n, source.cols(), source.rows()) : grown(clip.mouth()[n], source.cols(), source.rows());
    for (int y = area.y(); y < area.y() + area.height(); y++) {
      for (int x = area.x(); x < area.x() + area.width(); x++) {
        if (clip.isObject(n, x, y) != onObject) {
          continue;
        }
        count++;
        int worst = 0;
        for (int ch = 0; ch < 3; ch++) {
          int d = Math.abs(o.get(y, x, ch) - s.get(y, x, ch));
          int dn = Math.abs(e.get(y, x, ch) - s.get(y, x, ch));
          sumOut += d;
          sumNoise += dn;
          worst = Math.max(worst, d - dn);
        }
        redrawn += worst > REDRAWN_LEVELS ? 1 : 0;
      }
    }
    s.release();
    o.release();
    e.release();
    return new double[] {count, redrawn, sumOut / Math.max(1, 3 * count), sumNoise / Math.max(1, 3 * count)};
  }

  /** The lower face round the mouth, 160 pixels wide, for looking at. */
  private static Mat tile(Mat bgr, Rect mouth) {
    int side = mouth.width() * 3;
    int x0 = Math.max(0, Math.min(bgr.cols() - side, mouth.x() + mouth.width() / 2 - side / 2));
    int y0 = Math.max(0, Math.min(bgr.rows() - side, mouth.y() + mouth.height() / 2 - side / 2));
    Mat small = new Mat();
    try (Mat crop = new Mat(bgr, new Rect(x0, y0, Math.min(side, bgr.cols()), Math.min(side, bgr.rows())))) {
      org.bytedeco.opencv.global.opencv_imgproc.resize(crop, small, new org.bytedeco.opencv.opencv_core.Size(160, 160));
    }
    return small;
  }

  /** Output frames round the pass, every other one, in rows of ten, under target/covered-mouth-strips/. */
  private static void writeStrip(List<Mat> tiles, String name) throws java.io.IOException {
    Path dir = Path.of(System.getProperty("basedir", "."), "target", "covered-mouth-strips");
    java.nio.file.Files.createDirectories(dir);
    int perRow = 10;
    List<Mat> rows = new java.util.ArrayList<>();
    for (int i = 0; i < tiles.size(); i += perRow) {
      List<Mat> row = new java.util.ArrayList<>(tiles.subList(i, Math.min(tiles.size(), i + perRow)));
      while (row.size() < perRow) {
        row.add(new Mat(160, 160, tiles.get(0).type(), new org.bytedeco.opencv.opencv_core.Scalar(0)));
      }
      Mat joined = new Mat();
      org.bytedeco.opencv.global.opencv_core.hconcat(new org.bytedeco.opencv.opencv_core.MatVector(row.toArray(Mat[]::new)), joined);
      rows.add(joined);
    }
    try (Mat all = new Mat()) {
      org.bytedeco.opencv.global.opencv_core.vconcat(new org.bytedeco.opencv.opencv_core.MatVector(rows.toArray(Mat[]::new)), all);
      org.bytedeco.opencv.global.opencv_imgcodecs.imwrite(dir.resolve(name).toString(), all);
    }
  }

  /** The mouth's box with half its width of margin, inside the picture. */
  private static Rect grown(Rect m, int width, int height) {
    int x0 = Math.max(0, m.x() - m.width() / 2);
    int y0 = Math.max(0, m.y() - m.width() / 2);
    int x1 = Math.min(width, m.x() + m.width() * 3 / 2);
    int y1 = Math.min(height, m.y() + m.height() + m.width() / 2);
    return new Rect(x0, y0, x1 - x0, y1 - y0);
  }
}
