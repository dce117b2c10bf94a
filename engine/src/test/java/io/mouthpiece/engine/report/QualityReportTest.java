package io.mouthpiece.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.LipSync;
import io.mouthpiece.engine.Progress;
import io.mouthpiece.engine.sync.FaceDub;
import io.mouthpiece.engine.sync.SyncConfig;
import io.mouthpiece.engine.sync.SyncRequest;
import io.mouthpiece.engine.sync.SyncResult;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality report on real lip-syncs: quiet on a speaking source, warning on a face that never
 * moves its mouth (a real frame held still, silent), and its frame counts adding up to the video's
 * frames, with a window that leaves frames outside it. Each report is printed, to be looked at.
 */
class QualityReportTest {
  private static final Path SPEECH = TestMedia.audio("retalking_1.wav");

  @TempDir Path temp;

  private SyncResult sync(Path video, FaceDub dub) throws Exception {
    return LipSync.sync(new SyncRequest(video, List.of(dub), 1.0, temp.resolve("out.mp4")), SyncConfig.DEFAULT,
        Progress.NONE);
  }

  private static QualityReport onlyReport(SyncResult r, String what) {
    assertEquals(1, r.quality().size(), "one report per dub");
    QualityReport q = r.quality().get(0);
    System.out.println(what + ": " + q);
    return q;
  }

  @Test
  void aSpeakingSourceGetsNoWarningAndAStillOneDoes() throws Exception {
    QualityReport speaking = onlyReport(sync(TestMedia.video("retalking_face2.mp4"),
        new FaceDub(null, SPEECH, 0, FaceDub.TO_AUDIO_END, 0, 1.0)), "speaking source");
    assertEquals(List.of(), speaking.warnings(), "a speaking source, dubbed with speech");
    assertTrue(speaking.verdict().startsWith("good"), speaking.verdict());
    assertTrue(speaking.library().apertureRange() >= LibrarySurvey.MIN_SPEAKING_RANGE, speaking.library().toString());
    assertTrue(Double.isFinite(speaking.sync().naturalR()) && speaking.sync().naturalFrames() > 100,
        "the source has sound: what real speech gets is measured: " + speaking.sync());
    assertTrue(Double.isFinite(speaking.sync().r()) && Double.isFinite(speaking.sync().chanceR()), speaking.sync().toString());
    assertEquals(speaking.frames().rendered(), speaking.sync().frames(), "every re-rendered frame is measured");
    // 125 frames: a 5 s clip is too short to judge sync by, and the verdict says so rather than claim it.
    assertTrue(!speaking.sync().measurable() && speaking.verdict().contains("too short to measure"), speaking.verdict());

    Path still = TestMedia.stillFace("retalking_face2.mp4", 0, 5);
    QualityReport poor = onlyReport(sync(still, new FaceDub(null, SPEECH, 0, FaceDub.TO_AUDIO_END, 0, 1.0)),
        "still, silent source");
    assertTrue(poor.library().apertureRange() < LibrarySurvey.MIN_SPEAKING_RANGE, poor.library().toString());
    assertTrue(poor.warnings().stream().anyMatch(w -> w.startsWith("The source barely moves its mouth")), poor.warnings().toString());
    assertTrue(poor.verdict().startsWith("limited: the source barely moves its mouth"), poor.verdict());
    assertTrue(poor.library().distinctShapes() < speaking.library().distinctShapes(),
        "a face held still has fewer mouth shapes than a speaking one: " + poor.library() + " vs " + speaking.library());
    assertTrue(Double.isNaN(poor.sync().naturalR()) && poor.sync().naturalFrames() == 0, "a silent source: " + poor.sync());
  }

  @Test
  void aLongEnoughResultIsJudgedAgainstItsOwnChanceLevel() throws Exception {
    // 12 s of one speaking face (retalking_face2 played back and forth) dubbed with 12 s of other speech: 300 frames.
    QualityReport q = onlyReport(sync(TestMedia.oneFace720p("retalking_face2.mp4", 12),
        new FaceDub("0", TestMedia.audio("musetalk_eng.flac"), 0, 12_000, 0, 1.0)), "12 s, long enough to measure");
    assertTrue(q.sync().measurable() && q.sync().frames() >= SyncMeasure.MIN_FRAMES, q.sync().toString());
    boolean syncWarned = q.warnings().stream().anyMatch(w -> w.startsWith("The drawn mouth does not follow the speech"));
    assertEquals(!q.sync().aboveChance(), syncWarned, "sync is judged by its chance level: " + q);
    assertEquals(q.warnings().isEmpty(), q.verdict().equals("good"), "good only with nothing to warn of: " + q.verdict());
  }

  @Test
  void theFrameCountsAddUpToTheFrames() throws Exception {
    // The piece 500..3000 ms of the speech at 1000 ms: frames before and after the window, a
    // cross-fade starting from nothing at its first frame.
    SyncResult r = sync(TestMedia.video("retalking_face2.mp4"), new FaceDub("0", SPEECH, 500, 3000, 1000, 1.0));
    FrameCounts f = onlyReport(r, "a window inside the video").frames();
    assertEquals(r.frames(), f.total());
    assertEquals(f.total(), f.rendered() + f.outsideWindow() + f.passedThroughTotal(), f.toString());
    assertTrue(f.outsideWindow() > 0 && f.rendered() > 0, f.toString());
    assertEquals(f.total() - f.outsideWindow(), f.inWindow());
    // 2.5 s at 25 fps: 62 or 63 frames start inside [1.0, 3.5) s.
    assertTrue(Math.abs(f.inWindow() - 62.5) <= 1, f.toString());
    assertEquals(1, f.passedThrough().getOrDefault(FrameFate.FADED_OUT, 0), "the window's first frame, at strength 0: " + f);
  }
}
