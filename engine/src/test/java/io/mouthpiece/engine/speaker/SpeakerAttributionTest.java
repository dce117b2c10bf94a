package io.mouthpiece.engine.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.LipSync;
import io.mouthpiece.engine.Progress;
import io.mouthpiece.engine.face.FaceTrack;
import io.mouthpiece.engine.face.Identify;
import io.mouthpiece.engine.face.IdentifyConfig;
import io.mouthpiece.engine.motion.AudioFeatures;
import io.mouthpiece.engine.testing.SpeakerClips;
import io.mouthpiece.engine.testing.TestAudio;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who speaks when, on clips with two real faces and one voice. "The speech" a face must be found
 * speaking in is the clip's own sound's voice activity (as {@link HeardSpeech} reads it: pauses
 * under 300 ms bridged), decoded by the test with JavaCV, cut where the voice changes hands; every
 * edge found must lie within 300 ms of an edge of it, and every edge of it within 300 ms of one found.
 */
class SpeakerAttributionTest {
  private static final long SLACK_MS = 300;

  @Test
  void theLeftVoiceIsTheLeftFace() throws Exception {
    check("left's sound", SpeakerClips.twoSpeakers("retalking_face3.mp4", "retalking_face2.mp4", Long.MAX_VALUE),
        Long.MAX_VALUE);
  }

  @Test
  void aSpeakerWhoseLipsBarelyFollowTheVoiceIsNotFoundAndNobodyElseIsBlamed() throws Exception {
    Path clip = SpeakerClips.twoSpeakers("retalking_face2.mp4", "retalking_face3.mp4", Long.MAX_VALUE);
    FacesFound found = LipSync.identify(clip, IdentifyConfig.DEFAULT, Progress.NONE);
    String[] leftRight = leftAndRight(clip);
    System.out.printf(Locale.ROOT, "face2's sound: left %s, right %s, note %s%n", found.speaking().of(leftRight[0]),
        found.speaking().of(leftRight[1]), found.speaking().note());
    assertTrue(found.speaking().of(leftRight[1]).isEmpty(), "the silent talker is never the speaker");
  }

  @Test
  void theRightVoiceIsTheRightFace() throws Exception {
    check("right's sound", SpeakerClips.twoSpeakers("retalking_face2.mp4", "retalking_face3.mp4", 0), 0);
  }

  /**
   * The voice changes hands after 2.5 s: each turn is too short for either face to be found (the
   * calibration's 2.5 s turns are found 5 times in 37), but neither face may be given the other's
   * speech, as the first speaker's used to be given to the second.
   */
  @Test
  void whenTheVoiceChangesHandsNeitherFaceIsGivenTheOthersSpeech() throws Exception {
    checkNeverTheOther("left then right", SpeakerClips.twoSpeakers("retalking_face5.mp4", "sadtalker_WDA_AOC_000.mp4", 2500),
        2500);
    checkNeverTheOther("left then right, swapped", SpeakerClips.twoSpeakers("sadtalker_WDA_AOC_000.mp4", "retalking_face5.mp4",
        2500), 2500);
  }

  @Test
  void aStillFaceBesideASpeakerNeverSpeaks() throws Exception {
    check("speaker beside a still face", SpeakerClips.speakerBesideStill("retalking_face3.mp4", "retalking_face5.mp4"),
        Long.MAX_VALUE);
  }

  @Test
  void aVideoWithoutSoundSaysSo() throws Exception {
    FacesFound found = LipSync.identify(TestMedia.video("musetalk_sun.mp4"), IdentifyConfig.DEFAULT, Progress.NONE);
    assertFalse(found.faces().isEmpty(), "the clip shows a face");
    assertFalse(found.speaking().hasSound());
    assertEquals(WhoSpeaks.NO_SOUND, found.speaking().note());
    for (FaceTrack f : found.faces()) {
      assertTrue(found.speaking().of(f.faceId()).isEmpty(), f.faceId());
    }
    assertEquals(found.faces().stream().max((a, b) -> Double.compare(a.sizePx(), b.sizePx())).get().faceId(),
        found.defaultFaceId().orElseThrow(), "nobody speaks: the largest face");
  }

  /**
   * Identifies the clip; the left face must speak in the speech before {@code switchMs}, the right
   * one in the speech after, each within {@link #SLACK_MS}, and neither anywhere else.
   */
  private static void check(String what, Path clip, long switchMs) throws Exception {
    Identified c = identified(clip, switchMs);
    assertFalse(c.leftTruth().isEmpty() && c.rightTruth().isEmpty(), "the clip has speech");
    WhoSpeaks who = c.found().speaking();
    System.out.printf(Locale.ROOT, "%s: left face %s found %s, speech %s; right face %s found %s, speech %s%n", what,
        c.left(), who.of(c.left()), c.leftTruth(), c.right(), who.of(c.right()), c.rightTruth());
    Path picture = Path.of(System.getProperty("basedir", "."), "target", "speaker-strips",
        clip.getFileName().toString().replace(".mp4", ".png"));
    SpeakingStrip.write(clip, c.found(), Map.of(c.left(), c.leftTruth(), c.right(), c.rightTruth()), 2500, picture);
    assertEdgesMatch(what + ", left face", c.leftTruth(), who.of(c.left()));
    assertEdgesMatch(what + ", right face", c.rightTruth(), who.of(c.right()));
    String speaker = c.leftTruth().stream().mapToLong(SpeakingRange::durationMs).sum()
        >= c.rightTruth().stream().mapToLong(SpeakingRange::durationMs).sum() ? c.left() : c.right();
    assertEquals(speaker, c.found().defaultFaceId().orElseThrow(), what + ": the default face is the one that speaks most");
    assertEquals("", who.note());
  }

  /** A two-face clip identified, its faces left and right, and the speech before and after the switch. */
  private record Identified(FacesFound found, String left, String right, List<SpeakingRange> leftTruth,
      List<SpeakingRange> rightTruth) {}

  private static Identified identified(Path clip, long switchMs) throws Exception {
    FacesFound found = LipSync.identify(clip, IdentifyConfig.DEFAULT, Progress.NONE);
    assertEquals(2, found.faces().size(), found.faces().toString());
    String[] leftRight = leftAndRight(clip);
    List<double[]> speech = HeardSpeech.of(AudioFeatures.of(TestAudio.decode(clip, AudioFeatures.SAMPLE_RATE, 1))).stretches();
    long endMs = found.video().durationMs();
    return new Identified(found, leftRight[0], leftRight[1], clipped(speech, 0, Math.min(switchMs, endMs)),
        clipped(speech, Math.min(switchMs, endMs), endMs));
  }

  /**
   * Identifies the clip; whatever the left face is found speaking in must lie in the speech before
   * {@code switchMs}, and the right face's in the speech after, each within {@link #SLACK_MS}.
   */
  private static void checkNeverTheOther(String what, Path clip, long switchMs) throws Exception {
    Identified c = identified(clip, switchMs);
    WhoSpeaks who = c.found().speaking();
    System.out.printf(Locale.ROOT, "%s: left face %s found %s, speech %s; right face %s found %s, speech %s; note %s%n", what,
        c.left(), who.of(c.left()), c.leftTruth(), c.right(), who.of(c.right()), c.rightTruth(), who.note());
    // Speech on both sides of the switch, or "never the other's" would hold of nothing.
    assertFalse(c.leftTruth().isEmpty() || c.rightTruth().isEmpty(), what + ": speech before and after the switch");
    assertInside(what + ", left face", c.leftTruth(), who.of(c.left()));
    assertInside(what + ", right face", c.rightTruth(), who.of(c.right()));
  }

  /** Every range found within the slack of one range of the truth. */
  static void assertInside(String what, List<SpeakingRange> truth, List<SpeakingRange> found) {
    for (SpeakingRange r : found) {
      assertTrue(truth.stream().anyMatch(t -> r.startMs() >= t.startMs() - SLACK_MS && r.endMs() <= t.endMs() + SLACK_MS),
          what + ": found " + r + " outside its speech " + truth);
    }
  }

  /** Every edge of one list within the slack of an edge of the same kind in the other, both ways. */
  static void assertEdgesMatch(String what, List<SpeakingRange> truth, List<SpeakingRange> found) {
    long worst = Math.max(worstEdge(truth, found), worstEdge(found, truth));
    System.out.printf(Locale.ROOT, "  %s: worst edge error %s ms%n", what, worst == Long.MAX_VALUE ? "(unmatched)" : worst);
    assertTrue(worst <= SLACK_MS, what + ": speech " + truth + ", found " + found);
  }

  private static long worstEdge(List<SpeakingRange> from, List<SpeakingRange> to) {
    long worst = 0;
    for (SpeakingRange r : from) {
      long start = to.stream().mapToLong(o -> Math.abs(o.startMs() - r.startMs())).min().orElse(Long.MAX_VALUE);
      long end = to.stream().mapToLong(o -> Math.abs(o.endMs() - r.endMs())).min().orElse(Long.MAX_VALUE);
      worst = Math.max(worst, Math.max(start, end));
    }
    return worst;
  }

  /** The speech stretches inside [fromMs, toMs), cut at its edges. */
  static List<SpeakingRange> clipped(List<double[]> stretches, long fromMs, long toMs) {
    List<SpeakingRange> out = new ArrayList<>();
    for (double[] s : stretches) {
      long a = Math.max(fromMs, Math.round(s[0] * 1000));
      long b = Math.min(toMs, Math.round(s[1] * 1000));
      if (b > a) {
        out.add(new SpeakingRange(a, b));
      }
    }
    return out;
  }

  /** The face ids of the left and the right face, by where identify's own walk sees their noses. */
  static String[] leftAndRight(Path clip) throws Exception {
    Map<String, double[]> x = new HashMap<>();
    Identify.run(clip, IdentifyConfig.DEFAULT, Progress.NONE, (us, id, face) -> {
      double[] sum = x.computeIfAbsent(id, k -> new double[2]);
      sum[0] += face.smoothed().bounds()[0] + face.smoothed().bounds()[2];
      sum[1] += 2;
    });
    assertEquals(2, x.size(), x.keySet().toString());
    List<String> ids = new ArrayList<>(x.keySet());
    ids.sort((a, b) -> Double.compare(x.get(a)[0] / x.get(a)[1], x.get(b)[0] / x.get(b)[1]));
    return ids.toArray(new String[0]);
  }
}
