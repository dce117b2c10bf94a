package io.mouthpiece.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.LipSync;
import io.mouthpiece.engine.Progress;
import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.media.VideoFrame;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.rules.SyncMode;
import io.mouthpiece.engine.testing.HandedOver;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each sync mode on a real clip whose speech runs past its end: retalking_face2.mp4 (844x844,
 * 25 fps, 125 frames, 5.0 s) dubbed with 7 s of musetalk_eng.flac. What is checked: the output's
 * frames, times and sound; which source frame each output frame shows (found by comparing the
 * pictures away from the mouth); that the mouth is drawn in the extension; the loop's join.
 */
class SyncModeTest {
  private static final Path VIDEO = TestMedia.video("retalking_face2.mp4");
  private static final Path SPEECH = TestMedia.audio("musetalk_eng.flac");
  private static final int SOURCE_FRAMES = 125;
  private static final long FRAME_US = 40_000;
  /** The lower face of this clip (844x844): the mouth is drawn inside it, never outside. */
  private static final Rect LOWER_FACE = new Rect(250, 380, 360, 260);
  /** Thumbnails are a quarter of the size: enough to tell neighbouring frames apart, less encoding noise. */
  private static final int THUMB_SCALE = 4;

  @TempDir Path temp;
  private static List<Mat> source;

  @BeforeAll
  static void readSource() throws Exception {
    source = frames(VIDEO);
    assertEquals(SOURCE_FRAMES, source.size());
  }

  @AfterAll
  static void free() {
    source.forEach(Mat::close);
  }

  private SyncResult sync(SyncMode mode, long startMs, long endMs, long insertMs, double originalGain, Path out)
      throws Exception {
    return sync(mode, startMs, endMs, insertMs, originalGain, out, SyncConfig.DEFAULT);
  }

  private SyncResult sync(SyncMode mode, long startMs, long endMs, long insertMs, double originalGain, Path out,
      SyncConfig config) throws Exception {
    return LipSync.sync(new SyncRequest(VIDEO, List.of(new FaceDub("0", SPEECH, startMs, endMs, insertMs, 1.0, mode)),
        originalGain, out), config, Progress.NONE);
  }

  @Test
  void loopPlaysTheSourceThenAgainFromTheFrameThatJoinsItsEndBest() throws Exception {
    Path out = temp.resolve("loop.mp4");
    SyncResult r = sync(SyncMode.LOOP, 0, 7_000, 0, 1.0, out);
    int restart = LoopJoin.restartFrame(VIDEO, SOURCE_FRAMES);
    int[] expected = new int[175];
    for (int j = 0; j < expected.length; j++) {
      expected[j] = j < SOURCE_FRAMES ? j : restart + (j - SOURCE_FRAMES);
    }
    List<Mat> output = checkShape(r, out, 175, 7_000_000);
    checkShows(output, expected);
    checkMouthDrawn(output, expected);
    // The join: from the last frame to the restart, the picture moves about as much as between
    // neighbours, and much less than a loop from frame 0 would jump.
    double[] steps = new double[SOURCE_FRAMES - 1];
    for (int i = 1; i < SOURCE_FRAMES; i++) {
      steps[i - 1] = meanAbsDiff(output.get(i - 1), output.get(i), null);
    }
    double largest = java.util.Arrays.stream(steps).max().orElseThrow();
    double join = meanAbsDiff(output.get(SOURCE_FRAMES - 1), output.get(SOURCE_FRAMES), null);
    double fromStart = meanAbsDiff(source.get(SOURCE_FRAMES - 1), source.get(0), null);
    String seen = String.format("restart at %d: join %.2f, largest step between neighbours %.2f, from frame 0 %.2f",
        restart, join, largest, fromStart);
    System.out.println("loop: " + seen);
    assertTrue(restart > 0 && restart < SOURCE_FRAMES / 2, seen);
    assertTrue(join <= 1.6 * largest, "the join moves no more than the largest step between neighbours, give or"
        + " take: " + seen);
    assertTrue(fromStart > 2 * largest, "from frame 0 the join would jump: " + seen);
    checkSound(out, 7_000, 5_500, 6_900);
    output.forEach(Mat::close);
  }

  @Test
  void bouncePlaysTheSourceBackwardsAfterItsEnd() throws Exception {
    Path out = temp.resolve("bounce.mp4");
    SyncResult r = sync(SyncMode.BOUNCE, 0, 7_000, 0, 1.0, out);
    int[] expected = new int[175];
    for (int j = 0; j < expected.length; j++) {
      expected[j] = j < SOURCE_FRAMES ? j : SOURCE_FRAMES - 2 - (j - SOURCE_FRAMES);
    }
    List<Mat> output = checkShape(r, out, 175, 7_000_000);
    checkShows(output, expected); // frames 123 down to 74: two windows of the backward reader
    checkMouthDrawn(output, expected);
    checkSound(out, 7_000, 5_500, 6_900);
    output.forEach(Mat::close);
  }

  @Test
  void remapSlowsTheSourceToThePiecesEnd() throws Exception {
    Path out = temp.resolve("remap.mp4");
    SyncResult r = sync(SyncMode.REMAP, 0, 7_000, 0, 1.0, out); // 1.4 times slower
    int[] expected = new int[175];
    for (int j = 0; j < expected.length; j++) {
      expected[j] = (int) Math.floor(j / 1.4 + 1e-9);
    }
    List<Mat> output = checkShape(r, out, 175, 7_000_000);
    checkShows(output, expected);
    checkMouthDrawn(output, expected);
    checkSound(out, 7_000, 5_500, 6_900);
    output.forEach(Mat::close);
  }

  @Test
  void trimCutsThePieceAtTheVideosEndWithAFadeAndNoClick() throws Exception {
    // A piece whose cut falls in loud speech: a cut without a fade would click there.
    PcmAudio speech = AudioReader.decode(SPEECH, 16_000, 1, 70_000);
    long start = 0;
    double loudest = 0;
    for (long s = 0; s + 7_000 < speech.durationMs(); s += 100) {
      double level = rms(speech, s + 3_900, s + 4_000);
      if (level > loudest) {
        loudest = level;
        start = s;
      }
    }
    Path out = temp.resolve("trim.mp4");
    SyncResult r = sync(SyncMode.TRIM, start, start + 7_000, 1_000, 0.0, out); // cut after 4000 ms of it
    List<Mat> output = checkShape(r, out, SOURCE_FRAMES, 5_000_000);
    int[] same = new int[SOURCE_FRAMES];
    java.util.Arrays.setAll(same, i -> i);
    checkShows(output, same);
    output.forEach(Mat::close);
    PcmAudio sound = AudioReader.decode(out, 16_000, 1, 20_000);
    assertEquals(5_000, sound.durationMs(), 25);
    double before = rms(sound, 4_850, 4_950);
    double last = rms(sound, 4_990, 5_000);
    String levels = String.format("speech %.3f before the fade, %.4f in the last 10 ms (the source speech there: %.3f)",
        before, last, rms(speech, start + 3_990, start + 4_000));
    System.out.println("trim: " + levels);
    assertTrue(before > 0.02, "the speech plays up to the fade: " + levels);
    assertTrue(last < 0.15 * before, "the last 10 ms have faded: " + levels);
  }

  @Test
  void aModeWhosePieceFitsChangesNothingAndCutOffIsTheDefault() throws Exception {
    Path asBefore = temp.resolve("default.mp4");
    Path looped = temp.resolve("loop-fits.mp4");
    HandedOver before = new HandedOver();
    LipSync.sync(new SyncRequest(VIDEO, List.of(new FaceDub("0", SPEECH, 0, 3_000, 1_000, 1.0)), 0.5, asBefore),
        before.watching(SyncConfig.DEFAULT), Progress.NONE);
    HandedOver loop = new HandedOver();
    SyncResult r = sync(SyncMode.LOOP, 0, 3_000, 1_000, 0.5, looped, loop.watching(SyncConfig.DEFAULT));
    assertEquals(SOURCE_FRAMES, r.frames());
    assertEquals(5_000_000, r.durationUs());
    // The same frames and sound handed to the encoder, bit for bit (not the files: see HandedOver).
    HandedOver.assertSame(before, loop);
  }

  @Test
  void severalDubsExtendTheVideoOnceToTheLongestNeedAndTwoWaysOfExtendingAreRefused() throws Exception {
    Path video = TestMedia.sideBySide("retalking_face2.mp4", "retalking_face5.mp4");
    Path out = temp.resolve("two.mp4");
    // Face 0 loops to 7000 ms; face 1's piece is trimmed at the source's own end, the other dub's loop notwithstanding.
    SyncResult r = LipSync.sync(new SyncRequest(video, List.of(
        new FaceDub("0", SPEECH, 0, 7_000, 0, 1.0, SyncMode.LOOP),
        new FaceDub("1", TestMedia.audio("retalking_2.wav"), 0, 5_000, 2_000, 1.0, SyncMode.TRIM)), 1.0, out),
        SyncConfig.DEFAULT, Progress.NONE);
    assertEquals(7_000_000, r.durationUs());
    assertEquals(175, r.frames());
    assertEquals(List.of("0", "1"), r.faceIds());
    checkSound(out, 7_000, 5_500, 6_900);
    InvalidRequestException twoWays = org.junit.jupiter.api.Assertions.assertThrows(InvalidRequestException.class,
        () -> LipSync.sync(new SyncRequest(video, List.of(new FaceDub("0", SPEECH, 0, 7_000, 0, 1.0, SyncMode.LOOP),
            new FaceDub("1", SPEECH, 0, 7_000, 0, 1.0, SyncMode.BOUNCE)), 1.0, temp.resolve("x.mp4")), SyncConfig.DEFAULT,
            Progress.NONE));
    assertEquals("faces[1].mode: the video has one timeline and an earlier item extends it with loop, so this one"
        + " cannot use bounce; use one of loop, bounce and remap in a request (cut_off and trim go with any)",
        twoWays.getMessage());
  }

  /** The output's frame count, times and duration, as the result says them; its frames as thumbnails. */
  private static List<Mat> checkShape(SyncResult r, Path out, int frames, long durationUs) throws Exception {
    assertEquals(frames, r.frames());
    assertEquals(durationUs, r.durationUs());
    assertEquals(5_000_000, r.sourceEndUs());
    try (VideoReader reader = VideoReader.open(out)) {
      assertEquals(durationUs, reader.info().durationUs(), FRAME_US / 2, "the file's own duration");
      Optional<VideoFrame> f;
      int i = 0;
      while ((f = reader.read()).isPresent()) {
        try (VideoFrame frame = f.get()) {
          assertEquals(i * FRAME_US, frame.timestampUs(), "frame " + i + "'s time");
          i++;
        }
      }
      assertEquals(frames, i);
    }
    return frames(out);
  }

  /**
   * Each output frame shows the expected source frame: away from the mouth, no source frame is
   * closer to it. A neighbour may tie where the source barely moves: at most one frame off, and
   * nine in ten exact.
   */
  private static void checkShows(List<Mat> output, int[] expected) {
    int exact = 0;
    for (int j = 0; j < expected.length; j++) {
      int best = -1;
      double bestDiff = Double.MAX_VALUE;
      for (int s = 0; s < source.size(); s++) {
        double d = meanAbsDiff(output.get(j), source.get(s), LOWER_FACE);
        if (d < bestDiff) {
          bestDiff = d;
          best = s;
        }
      }
      assertTrue(Math.abs(best - expected[j]) <= 1, "output frame " + j + " shows source frame " + best + ", not "
          + expected[j]);
      exact += best == expected[j] ? 1 : 0;
    }
    assertTrue(exact >= 0.9 * expected.length, exact + " of " + expected.length + " frames exactly as expected");
  }

  /** The mouth is re-rendered throughout the extension, not only in the source's own frames. */
  private static void checkMouthDrawn(List<Mat> output, int[] expected) {
    int drawn = 0;
    int extension = 0;
    for (int j = SOURCE_FRAMES; j < expected.length; j++) {
      extension++;
      if (meanAbsDiff(crop(output.get(j)), crop(source.get(expected[j])), null) > 1.5) {
        drawn++;
      }
    }
    assertTrue(drawn >= extension / 2, "the mouth differs from the source's in " + drawn + " of " + extension
        + " frames of the extension");
  }

  /** The sound lasts as long as the video, and the speech goes on in the extension. */
  private static void checkSound(Path out, long durationMs, long fromMs, long toMs) throws Exception {
    PcmAudio sound = AudioReader.decode(out, 16_000, 1, 20_000);
    assertEquals(durationMs, sound.durationMs(), 25);
    double level = rms(sound, fromMs, toMs);
    assertTrue(level > 0.01, "the speech plays in the extension: rms " + level);
  }

  private static Mat crop(Mat thumb) {
    return new Mat(thumb, scaled(LOWER_FACE));
  }

  private static Rect scaled(Rect r) {
    return new Rect(r.x() / THUMB_SCALE, r.y() / THUMB_SCALE, r.width() / THUMB_SCALE, r.height() / THUMB_SCALE);
  }

  /** Mean absolute difference (grey levels, all channels), leaving out {@code except} (full-size pixels) if given. */
  private static double meanAbsDiff(Mat a, Mat b, Rect except) {
    try (Mat d = new Mat()) {
      opencv_core.absdiff(a, b, d);
      double all = opencv_core.sumElems(d).get(0) + opencv_core.sumElems(d).get(1) + opencv_core.sumElems(d).get(2);
      long pixels = d.total();
      if (except != null) {
        try (Mat box = new Mat(d, scaled(except))) {
          all -= opencv_core.sumElems(box).get(0) + opencv_core.sumElems(box).get(1) + opencv_core.sumElems(box).get(2);
          pixels -= box.total();
        }
      }
      return all / (3.0 * pixels);
    }
  }

  private static double rms(PcmAudio audio, long fromMs, long toMs) {
    PcmAudio piece = audio.slice(fromMs, toMs);
    double sum = 0;
    for (float s : piece.samples()) {
      sum += s * (double) s;
    }
    return Math.sqrt(sum / Math.max(1, piece.samples().length));
  }

  /** Every frame of a video as a BGR thumbnail. */
  private static List<Mat> frames(Path video) throws Exception {
    List<Mat> thumbs = new ArrayList<>();
    try (VideoReader reader = VideoReader.open(video)) {
      Optional<VideoFrame> f;
      while ((f = reader.read()).isPresent()) {
        try (VideoFrame frame = f.get()) {
          Mat t = new Mat();
          opencv_imgproc.resize(frame.bgr(), t, new Size(frame.width() / THUMB_SCALE, frame.height() / THUMB_SCALE), 0, 0,
              opencv_imgproc.INTER_AREA);
          thumbs.add(t);
        }
      }
    }
    return thumbs;
  }
}
