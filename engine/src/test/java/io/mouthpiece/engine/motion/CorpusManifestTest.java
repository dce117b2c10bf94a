package io.mouthpiece.engine.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.quality.ApertureTrack;
import io.mouthpiece.engine.quality.PooledSync;
import io.mouthpiece.engine.quality.SyncCase;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The corpus manifest says what its clips are: every clip is listed once, and the natural sync
 * peak it records for a clip is where that clip's own mouth and sound really line up (the peak of
 * the sync curve of its measured aperture against its own speech envelope).
 */
class CorpusManifestTest {
  /** Curve peaks come in 10 ms steps; the audio analysis's floating point may differ on another CPU by a step. */
  private static final int PEAK_TOLERANCE_MS = 20;

  @Test
  void everyClipOnceWithItsMeasuredNaturalPeak() {
    List<TrainingCorpus.Clip> clips = TrainingCorpus.clips();
    Set<String> seen = new HashSet<>();
    StringBuilder table = new StringBuilder("\nclip, natural r in window, curve peak ms:\n");
    java.util.Map<String, Integer> peaks = new java.util.HashMap<>();
    for (TrainingCorpus.Clip c : clips) {
      assertTrue(seen.add(c.file()), c.file() + " is listed twice");
      MeasuredClip m = MeasuredClip.load(c.file());
      PooledSync.Result r = PooledSync.of(List.of(SyncCase.of(ApertureTrack.ofApertures(m.frameTimesSec(), m.aperture()),
          m.audio())));
      table.append(String.format(Locale.ROOT, "%-28s %6.3f %+5d%n", c.file(), r.windowR(), r.peakLagMs()));
      peaks.put(c.file(), r.peakLagMs());
    }
    System.out.println(table);
    for (TrainingCorpus.Clip c : clips) {
      assertEquals(peaks.get(c.file()), c.naturalPeakMs(), PEAK_TOLERANCE_MS, c.file() + ": natural_peak_ms in the manifest");
    }
    assertTrue(TrainingCorpus.speakers(clips).size() >= 10, "the corpus has many speakers");
  }
}
