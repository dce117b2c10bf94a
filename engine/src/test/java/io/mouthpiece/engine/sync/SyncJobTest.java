package io.mouthpiece.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.face.IdentifyConfig;
import io.mouthpiece.engine.face.Identify;
import io.mouthpiece.engine.face.FaceTrack;
import io.mouthpiece.engine.LipSync;
import io.mouthpiece.engine.Progress;
import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.media.Rational;
import io.mouthpiece.engine.media.VideoFrame;
import io.mouthpiece.engine.media.VideoInfo;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.rules.RequestValue;
import io.mouthpiece.engine.rules.Rule;
import io.mouthpiece.engine.rules.Violation;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole lip-syncs on real media: the output's shape, what changes and what does not, bad requests. */
class SyncJobTest {
  @TempDir Path temp;

  /**
   * A half-picture with a re-rendered mouth has 10-2900 redrawn pixels (measured; under 25 only
   * at a few closed-mouth frames); an untouched one has none. Its mean difference from the source
   * is no measure here: x264 sets a frame's quantiser from the whole frame, so drawing in one half
   * moves the other half's re-encoding noise by up to 0.15 grey levels.
   */
  private static final int MIN_REDRAWN_PIXELS = 25;

  /**
   * Per output frame: its timestamp, how much the picture differs from the source's (mean abs,
   * 0-255) and how many of its pixels were redrawn, in the box and out of it.
   */
  private record Comparison(VideoInfo out, long[] sourceUs, long[] outUs, double[] mouthDiff, double[] restDiff,
      int[] mouthRedrawn, int[] restRedrawn) {}

  /**
   * A pixel further than this from the source's (grey levels, any channel) was drawn, not
   * re-encoded: CRF 18 moves almost no pixel this far, a mouth drawn from another frame moves
   * thousands.
   */
  private static final int REDRAWN_LEVELS = 40;

  /**
   * Compares source and output frame by frame, in a box around {@code mouth} (x, y, w, h) and in
   * the rest of the picture.
   */
  private static Comparison compare(Path source, Path output, Rect mouth) throws Exception {
    List<Long> s = new ArrayList<>();
    List<Long> o = new ArrayList<>();
    List<Double> inside = new ArrayList<>();
    List<Double> outside = new ArrayList<>();
    List<Integer> redrawnInside = new ArrayList<>();
    List<Integer> redrawnOutside = new ArrayList<>();
    VideoInfo info;
    try (VideoReader a = VideoReader.open(source); VideoReader b = VideoReader.open(output)) {
      info = b.info();
      while (true) {
        Optional<VideoFrame> fa = a.read();
        Optional<VideoFrame> fb = b.read();
        if (fa.isEmpty() || fb.isEmpty()) {
          assertEquals(fa.isPresent(), fb.isPresent(), "same frame count");
          break;
        }
        try (VideoFrame x = fa.get(); VideoFrame y = fb.get(); Mat diff = new Mat()) {
          s.add(x.timestampUs());
          o.add(y.timestampUs());
          opencv_core.absdiff(x.bgr(), y.bgr(), diff);
          double all = opencv_core.sumElems(diff).get(0) + opencv_core.sumElems(diff).get(1) + opencv_core.sumElems(diff).get(2);
          try (Mat box = new Mat(diff, mouth)) {
            double in = opencv_core.sumElems(box).get(0) + opencv_core.sumElems(box).get(1) + opencv_core.sumElems(box).get(2);
            inside.add(in / (3.0 * mouth.width() * mouth.height()));
            outside.add((all - in) / (3.0 * (diff.cols() * (double) diff.rows() - mouth.width() * (double) mouth.height())));
          }
          try (MatVector channels = new MatVector(); Mat most = new Mat(); Mat far = new Mat()) {
            opencv_core.split(diff, channels);
            opencv_core.max(channels.get(0), channels.get(1), most);
            opencv_core.max(most, channels.get(2), most);
            opencv_imgproc.threshold(most, far, REDRAWN_LEVELS, 255, opencv_imgproc.THRESH_BINARY);
            int total = opencv_core.countNonZero(far);
            try (Mat box = new Mat(far, mouth)) {
              int in = opencv_core.countNonZero(box);
              redrawnInside.add(in);
              redrawnOutside.add(total - in);
            }
          }
        }
      }
    }
    return new Comparison(info, s.stream().mapToLong(Long::longValue).toArray(), o.stream().mapToLong(Long::longValue).toArray(),
        inside.stream().mapToDouble(Double::doubleValue).toArray(), outside.stream().mapToDouble(Double::doubleValue).toArray(),
        redrawnInside.stream().mapToInt(Integer::intValue).toArray(), redrawnOutside.stream().mapToInt(Integer::intValue).toArray());
  }

  private Path roundTrip(Path video) throws Exception {
    return ReEncoded.of(video, temp.resolve("round-trip.mp4"));
  }

  @Test
  void onlyTheMouthChangesAndOnlyInsideTheWindow() throws Exception {
    Path video = TestMedia.video("retalking_face5.mp4"); // 524x524, 25 fps, 122 frames, 4.88 s
    Path speech = TestMedia.audio("retalking_2.wav");
    Path out = temp.resolve("out.mp4");
    SyncResult r = LipSync.sync(new SyncRequest(video, List.of(new FaceDub("0", speech, 500, 3000, 1000, 1.0)), 0.5, out),
        SyncConfig.DEFAULT, Progress.NONE);
    assertEquals(122, r.frames());
    assertEquals(0, r.quality().get(0).frames().passedThrough().getOrDefault(io.mouthpiece.engine.report.FrameFate.MOUTH_COVERED, 0),
        "nothing is in front of this mouth: " + r.quality().get(0).frames());
    // The mouth of this clip stays inside (180..360, 300..440).
    Rect mouth = new Rect(180, 300, 180, 140);
    Comparison c = compare(video, out, mouth);
    Comparison noise = compare(video, roundTrip(video), mouth);
    assertEquals(524, c.out().width());
    assertEquals(524, c.out().height());
    assertEquals(c.sourceUs().length, c.outUs().length);
    for (int i = 0; i < c.sourceUs().length; i++) {
      assertEquals(c.sourceUs()[i], c.outUs()[i], "frame " + i + " keeps its timestamp");
    }
    assertEquals(4_880_000, c.out().durationUs(), 40_000);
    int changed = 0;
    for (int i = 0; i < c.mouthDiff().length; i++) {
      double t = c.sourceUs()[i] / 1000.0;
      assertTrue(c.restDiff()[i] < noise.restDiff()[i] + 0.3, "frame " + i + ": away from the mouth the picture is the"
          + " source's, but for re-encoding: " + c.restDiff()[i] + " vs " + noise.restDiff()[i]);
      if (t < 1000 || t >= 3500) {
        assertTrue(c.mouthDiff()[i] < noise.mouthDiff()[i] + 0.3, "frame " + i + " at " + t + " ms is outside the window: "
            + c.mouthDiff()[i] + " vs " + noise.mouthDiff()[i]);
      } else if (t >= 1200 && t < 3300 && c.mouthDiff()[i] > noise.mouthDiff()[i] + 2.0) {
        changed++;
      }
    }
    assertTrue(changed >= 35, "the mouth is re-rendered in the window: " + changed + " of ~52 frames changed");
    // The soundtrack: 0.5 x the original plus the piece from 1.0 s on.
    PcmAudio sound = AudioReader.decode(out, 16_000, 1, 10_000);
    assertEquals(4880, sound.durationMs(), 25);
  }

  @Test
  void twoFacesWithTheirOwnSpeechInOnePass() throws Exception {
    Path video = TestMedia.sideBySide("retalking_face2.mp4", "retalking_face5.mp4");
    Path out = temp.resolve("two.mp4");
    List<FaceDub> dubs = List.of(
        new FaceDub("0", TestMedia.audio("retalking_1.wav"), 0, 2500, 0, 1.0),
        new FaceDub("1", TestMedia.audio("retalking_2.wav"), 0, 2500, 2000, 1.0));
    SyncResult r = LipSync.sync(new SyncRequest(video, dubs, 1.0, out), SyncConfig.DEFAULT, Progress.NONE);
    assertTrue(r.frames() > 100);
    Rect left;
    try (VideoReader a = VideoReader.open(out)) {
      assertTrue(a.info().hasAudio());
      left = new Rect(0, 0, a.info().width() / 2, a.info().height());
    }
    // Per frame, whether each half of the picture (one person each) was drawn on, beyond re-encoding.
    Comparison c = compare(video, out, left);
    Comparison noise = compare(video, roundTrip(video), left);
    int[][] changed = new int[2][2]; // [half][window]
    for (int i = 0; i < c.sourceUs().length; i++) {
      double t = c.sourceUs()[i] / 1e6;
      int window = t >= 0.2 && t < 1.9 ? 0 : t >= 2.7 && t < 4.3 ? 1 : -1;
      if (window < 0) {
        continue;
      }
      if (c.mouthRedrawn()[i] - noise.mouthRedrawn()[i] > MIN_REDRAWN_PIXELS) {
        changed[0][window]++;
      }
      if (c.restRedrawn()[i] - noise.restRedrawn()[i] > MIN_REDRAWN_PIXELS) {
        changed[1][window]++;
      }
    }
    // Face 0 speaks from 0 to 2.5 s, face 1 from 2 to 4.5 s: one half changes only in the first
    // stretch (0.2-1.9 s, 42 frames), the other only in the second (2.7-4.3 s, 40 frames).
    int first = changed[0][0] > changed[1][0] ? 0 : 1;
    int second = 1 - first;
    String counts = java.util.Arrays.deepToString(changed);
    assertTrue(changed[first][0] >= 25 && changed[first][1] <= 2, "face 0's half: " + counts);
    assertTrue(changed[second][1] >= 25 && changed[second][0] <= 2, "face 1's half: " + counts);
  }

  @Test
  void framesWithoutTheFacePassThrough() throws Exception {
    // The face is away from 2.0 s to 3.5 s (a cut-in of another shot) and comes back as face 2.
    Path video = TestMedia.cutIn("retalking_face3.mp4", "musetalk_sun.mp4", 2000, 1500);
    Path out = temp.resolve("cut.mp4");
    LipSync.sync(new SyncRequest(video, List.of(new FaceDub("0", TestMedia.audio("retalking_1.wav"), 0, 4500, 0, 1.0)),
        1.0, out), SyncConfig.DEFAULT, Progress.NONE);
    Rect mouth = new Rect(200, 330, 190, 160);
    Comparison c = compare(video, out, mouth);
    Comparison noise = compare(video, roundTrip(video), mouth);
    for (int i = 0; i < c.sourceUs().length; i++) {
      if (c.sourceUs()[i] >= 2_000_000) {
        assertTrue(c.mouthDiff()[i] < noise.mouthDiff()[i] + 0.3 && c.restDiff()[i] < noise.restDiff()[i] + 0.3,
            "frame " + i + " has no face 0: untouched but for re-encoding (" + c.mouthDiff()[i] + " vs " + noise.mouthDiff()[i] + ")");
      }
    }
  }

  @Test
  void aSilentVideoGetsTheNewSpeech() throws Exception {
    Path video = TestMedia.video("musetalk_sun.mp4"); // no sound, small face
    Path out = temp.resolve("sun.mp4");
    LipSync.sync(new SyncRequest(video, List.of(new FaceDub(null, TestMedia.audio("retalking_2.wav"), 0,
        FaceDub.TO_AUDIO_END, 0, 1.0)), 1.0, out), SyncConfig.DEFAULT, Progress.NONE);
    PcmAudio sound = AudioReader.decode(out, 16_000, 1, 30_000);
    assertEquals(22_000, sound.durationMs(), 25);
    double early = 0;
    for (int i = 0; i < 16_000 * 4; i++) {
      early += Math.abs(sound.samples()[i]);
    }
    assertTrue(early / (16_000 * 4) > 0.005, "the speech is in the first seconds");
  }

  @Test
  void withoutAFaceIdAndWithNobodySpeakingTheLargestFaceIsDubbedAsIdentifyMeasuresIt() throws Exception {
    // No sound, so nobody can be found speaking. The larger face (face5's) fades in while the other is already seen,
    // so it is not face 0: a job that took the first face would fail here.
    Path video = TestMedia.sideBySide("musetalk_sun.mp4", "retalking_face5.mp4", 1500);
    List<FaceTrack> faces = Identify.run(video, IdentifyConfig.DEFAULT, Progress.NONE).faces();
    assertEquals(2, faces.size(), "two faces side by side");
    String largest = faces.stream().max(java.util.Comparator.comparingDouble(FaceTrack::sizePx)).orElseThrow().faceId();
    assertNotEquals(faces.get(0).faceId(), largest, "the largest face is not the first one seen");
    SyncResult r = LipSync.sync(new SyncRequest(video, List.of(new FaceDub(null, TestMedia.audio("retalking_2.wav"), 0,
        3000, 0, 1.0)), 1.0, temp.resolve("largest.mp4")), SyncConfig.DEFAULT, Progress.NONE);
    assertEquals(List.of(largest), r.faceIds(), "sizes " + faces.stream().map(f -> f.faceId() + "=" + f.sizePx()).toList());
  }

  @Test
  void badRequestsNameTheDubTheValueAndTheRule() {
    Path video = TestMedia.video("retalking_face5.mp4");
    Path speech = TestMedia.audio("retalking_2.wav");
    InvalidRequestException noFace = assertThrows(InvalidRequestException.class, () -> LipSync.sync(new SyncRequest(video,
        List.of(new FaceDub("7", speech, 0, 3000, 0, 1.0)), 1.0, temp.resolve("x.mp4")), SyncConfig.DEFAULT, Progress.NONE));
    Violation unseen = noFace.violations().get(0);
    assertEquals(List.of(0, RequestValue.FACE, Rule.NO_SUCH_FACE, "7"),
        List.of(unseen.dub(), unseen.value(), unseen.rule(), unseen.facts().get(0)));
    assertTrue(noFace.getMessage().startsWith("faces[0].faceId: no face 7 in this video (faces: "), noFace.getMessage());
    InvalidRequestException tooShort = assertThrows(InvalidRequestException.class, () -> LipSync.sync(new SyncRequest(video,
        List.of(new FaceDub("0", speech, 0, 1500, 0, 1.0)), 1.0, temp.resolve("y.mp4")), SyncConfig.DEFAULT, Progress.NONE));
    assertEquals(List.of(Violation.of(0, RequestValue.AUDIO_END, Rule.PIECE_TOO_SHORT, 2000L, 1500L, 0L, 1500L)),
        tooShort.violations());
    InvalidRequestException twice = assertThrows(InvalidRequestException.class, () -> LipSync.sync(new SyncRequest(video,
        List.of(new FaceDub("0", speech, 0, 3000, 0, 1.0), new FaceDub("0", speech, 0, 3000, 0, 1.0)), 1.0,
        temp.resolve("z.mp4")), SyncConfig.DEFAULT, Progress.NONE));
    assertEquals(List.of(Violation.of(1, RequestValue.FACE, Rule.FACE_CHOSEN_TWICE, "0")), twice.violations());
  }

  @Test
  void aDubLeavingTheFaceToTheEngineFailsOnAVideoWithoutFaces() {
    Path faceless = TestMedia.flashClick(new Rational(25, 1)).file();
    InvalidRequestException none = assertThrows(InvalidRequestException.class, () -> LipSync.sync(new SyncRequest(faceless,
        List.of(new FaceDub(null, TestMedia.audio("retalking_2.wav"), 0, FaceDub.TO_AUDIO_END, 0, 1.0)), 1.0,
        temp.resolve("none.mp4")), SyncConfig.DEFAULT, Progress.NONE));
    assertEquals(List.of(Violation.of(0, RequestValue.FACE, Rule.NO_FACE_IN_VIDEO)), none.violations());
  }
}
