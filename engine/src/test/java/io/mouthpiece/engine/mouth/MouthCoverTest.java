package io.mouthpiece.engine.mouth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.face.FaceTracker;
import io.mouthpiece.engine.face.FaceTrackerConfig;
import io.mouthpiece.engine.face.TrackedFace;
import io.mouthpiece.engine.media.VideoFrame;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.testing.OccludedClip;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The cover detector on real faces: speaking clips with nothing in front of the mouth are not
 * called covered, and a hand or a microphone held over the mouth is. With
 * {@code -Dmouthpiece.coverSurvey=DIR} (a media folder, e.g. ../shared/media) it also measures
 * every video there and every speaker of the repository with both objects, and prints the rates:
 * {@value #SURVEY}.
 */
class MouthCoverTest {
  static final String SURVEY = "mvn -o -pl engine -am verify -Dtest=MouthCoverTest -Dsurefire.failIfNoSpecifiedTests=false"
      + " -Dmouthpiece.coverSurvey=/work/shared/media";

  /** Speakers of the repository's clips the sync tests do not use (those use retalking_face3 and face5). */
  private static final List<String> CLEAN = List.of("retalking_face1.mp4", "retalking_face2.mp4", "sadtalker_WDA_AOC_000.mp4");

  @Test
  void speakingFacesWithNothingInFrontOfTheMouthAreNotCovered() throws Exception {
    for (String name : CLEAN) {
      for (Map.Entry<Integer, boolean[]> face : covered(TestMedia.video(name)).entrySet()) {
        int flagged = count(face.getValue());
        assertTrue(flagged <= 0.01 * face.getValue().length, name + " face " + face.getKey() + ": " + flagged + " of "
            + face.getValue().length + " frames called covered");
      }
    }
  }

  @Test
  void aHandHeldOverTheMouthOfAnotherSpeakerIsFound() throws Exception {
    OccludedClip clip = OccludedClip.of("retalking_face2.mp4", OccludedClip.Kind.HAND, 2000);
    Rates r = rates(clip);
    assertTrue(r.found >= 0.9 * r.truly && r.flaggedClear == 0, r.toString());
  }

  @Test
  void anObjectOfTheSkinsColourOverTheLipsTakesTheirColourAndTheirContrastAway() {
    // Patches drawn by hand: skin, and a band of lips across the middle; noise of a few levels.
    java.util.Random random = new java.util.Random(3);
    List<byte[]> clean = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      clean.add(patch(random, false));
    }
    CoverModel model = CoverModel.of(clean);
    CoverModel.Score usual = model.score(patch(random, false));
    CoverModel.Score covered = model.score(patch(random, true));
    assertTrue(usual.lipShare() > 0.9 && usual.lipContrast() > 30 && usual.skinOffShare() < 0.02, usual.toString());
    assertTrue(covered.lipShare() < 0.1 && covered.lipContrast() < 5, covered.toString());
  }

  /** Lab: skin (170, 145, 150), lips (120, 165, 145); with {@code handOverLips}, the lips have the skin's colour. */
  private static byte[] patch(java.util.Random random, boolean handOverLips) {
    byte[] p = new byte[MouthPatch.BYTES];
    int lipTop = MouthPatch.HEIGHT / 2 - 1;
    for (int y = 0; y < MouthPatch.HEIGHT; y++) {
      for (int x = 0; x < MouthPatch.WIDTH; x++) {
        int k = 4 * (y * MouthPatch.WIDTH + x);
        boolean lip = y >= lipTop && y < lipTop + 3 && x > 8 && x < MouthPatch.WIDTH - 8;
        boolean reference = y < (MouthPatch.REFERENCE_BELOW - MouthPatch.V_MIN) * MouthPatch.PX_PER_UNIT;
        int[] lab = lip && !handOverLips ? new int[] {120, 165, 145} : new int[] {170, 145, 150};
        for (int c = 0; c < 3; c++) {
          p[k + c] = (byte) (lab[c] + (int) Math.round(2 * random.nextGaussian()));
        }
        p[k + 3] = lip ? MouthPatch.LIP : reference ? MouthPatch.REFERENCE : MouthPatch.SKIN;
      }
    }
    return p;
  }

  @Test
  void nearFramesAreThoseWithinTheMarginOfACoveredOne() {
    long[] times = {0, 40, 80, 120, 160, 200, 240, 280};
    boolean[] covered = {false, false, false, false, true, false, false, false};
    assertArrayEquals(new boolean[] {false, false, true, true, true, true, true, false},
        MouthCover.near(covered, times, 8, 80));
  }

  /** Per frame of a clip with an object: how many were truly covered (half the mouth's box or more), found, and flagged though clear. */
  private record Rates(int frames, int truly, int found, int flaggedPartly, int flaggedClear) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d frames, %d truly covered, %d of them found (%.0f%%); flagged with the object over"
          + " under half the mouth %d, with none of it %d", frames, truly, found, 100.0 * found / Math.max(1, truly),
          flaggedPartly, flaggedClear);
    }
  }

  private static Rates rates(OccludedClip clip) throws Exception {
    boolean[] flagged = covered(clip.file()).get(0);
    int truly = 0;
    int found = 0;
    int partly = 0;
    int clear = 0;
    for (int n = 0; n < flagged.length; n++) {
      double c = clip.mouthCovered(n);
      truly += c >= 0.5 ? 1 : 0;
      found += c >= 0.5 && flagged[n] ? 1 : 0;
      partly += c > 0 && c < 0.5 && flagged[n] ? 1 : 0;
      clear += c == 0 && flagged[n] ? 1 : 0;
    }
    return new Rates(flagged.length, truly, found, partly, clear);
  }

  /** Each face's covered frames, by the tracker's id, as the analysis pass finds them (its smoothed landmarks). */
  private static Map<Integer, boolean[]> covered(Path video) throws Exception {
    Map<Integer, MouthCover> covers = new HashMap<>();
    Map<Integer, List<Integer>> seen = new HashMap<>();
    int frames = 0;
    try (VideoReader r = VideoReader.open(video); FaceTracker t = new FaceTracker(FaceTrackerConfig.DEFAULT)) {
      Optional<VideoFrame> f;
      while ((f = r.read()).isPresent()) {
        try (VideoFrame frame = f.get()) {
          for (TrackedFace face : t.track(frame.bgr(), frame.timestampUs())) {
            covers.computeIfAbsent(face.trackId(), k -> new MouthCover()).add(frame.index(), frame.bgr(), face.smoothed());
            seen.computeIfAbsent(face.trackId(), k -> new ArrayList<>()).add(frame.index());
          }
          frames++;
        }
      }
    }
    Map<Integer, boolean[]> out = new HashMap<>();
    for (Map.Entry<Integer, MouthCover> e : covers.entrySet()) {
      boolean[] all;
      try (MouthCover cover = e.getValue()) {
        all = cover.covered(frames);
      }
      // Only the frames the face is in: a rate is over those.
      List<Integer> in = seen.get(e.getKey());
      boolean[] mine = new boolean[in.size() == frames ? frames : in.size()];
      for (int k = 0; k < in.size(); k++) {
        mine[in.size() == frames ? in.get(k) : k] = all[in.get(k)];
      }
      out.put(e.getKey(), mine);
    }
    return out;
  }

  private static int count(boolean[] b) {
    int n = 0;
    for (boolean x : b) {
      n += x ? 1 : 0;
    }
    return n;
  }

  @Test
  void survey() throws Exception {
    String dir = System.getProperty("mouthpiece.coverSurvey", "");
    if (dir.isEmpty()) {
      return;
    }
    StringBuilder out = new StringBuilder("False covers on clean clips (every face seen in 25 frames or more):\n");
    int allFrames = 0;
    int allFlagged = 0;
    List<Path> videos;
    try (Stream<Path> s = Files.list(Path.of(dir, "video"))) {
      videos = s.sorted().toList();
    }
    for (Path v : videos) {
      for (Map.Entry<Integer, boolean[]> face : covered(v).entrySet()) {
        boolean[] c = face.getValue();
        if (c.length < 25) {
          continue;
        }
        int flagged = count(c);
        allFrames += c.length;
        allFlagged += flagged;
        out.append(String.format(Locale.ROOT, "  %-28s track %d: %4d of %5d frames (%.2f%%)%n", v.getFileName(), face.getKey(),
            flagged, c.length, 100.0 * flagged / c.length));
      }
    }
    out.append(String.format(Locale.ROOT, "  all: %d of %d frames (%.2f%%)%n", allFlagged, allFrames, 100.0 * allFlagged / allFrames));
    out.append("Synthetic covers (object passing at 2.0 s for 1 s):\n");
    for (String name : List.of("retalking_face2.mp4", "retalking_face3.mp4", "retalking_face5.mp4",
        "sadtalker_WDA_AOC_000.mp4")) {
      for (OccludedClip.Kind kind : OccludedClip.Kind.values()) {
        out.append(String.format(Locale.ROOT, "  %-28s %-10s %s%n", name, kind, rates(OccludedClip.of(name, kind, 2000))));
      }
    }
    // Speakers of the shared media only: thin lips (reagan), and a face crop of another woman.
    for (String name : List.of("styletalk_reagan.mp4", "styletalk_kristinoem.mp4")) {
      for (OccludedClip.Kind kind : OccludedClip.Kind.values()) {
        out.append(String.format(Locale.ROOT, "  %-28s %-10s %s%n", name, kind,
            rates(OccludedClip.of(Path.of(dir, "video", name), kind, 2000))));
      }
    }
    System.out.println(out);
    Files.writeString(Path.of(System.getProperty("basedir", "."), "target", "cover-survey.txt"), out);
  }
}
