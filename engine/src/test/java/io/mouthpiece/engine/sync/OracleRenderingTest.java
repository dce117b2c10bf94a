package io.mouthpiece.engine.sync;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.LipSync;
import io.mouthpiece.engine.Progress;
import io.mouthpiece.engine.mouth.MouthParams;
import io.mouthpiece.engine.quality.ApertureTrack;
import io.mouthpiece.engine.quality.Correlation;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The renderer alone, as engine.md's first check: drive a clip's first half with the REAL mouth of
 * its second half (an oracle motion) and compare the output's mouth with that second half. The
 * library holds only first-half frames, so it cannot copy the answer; untouched, the first half
 * correlates 0.26 with the second.
 */
class OracleRenderingTest {
  @TempDir Path temp;

  @Test
  void theRenderedMouthFollowsTheWantedOne() throws Exception {
    String clip = "retalking_face2.mp4";
    ApertureTrack full = ApertureTrack.measure(TestMedia.video(clip));
    double halfSec = TestMedia.halfUs(clip) / 1e6;
    int firstOfSecondHalf = 0;
    while (full.timesSec()[firstOfSecondHalf] < halfSec - 1e-6) {
      firstOfSecondHalf++;
    }
    int split = firstOfSecondHalf;
    ApertureTrack truth = full.slice(split, full.size());
    MouthMotion oracle = (source, piece, times) -> {
      double[][] out = new double[times.length][];
      for (int k = 0; k < times.length; k++) {
        int i = Math.min(full.size() - 1, split + k);
        out[k] = full.shapes()[i] == null ? null : MouthParams.of(full.shapes()[i]);
      }
      return out;
    };
    Path out = temp.resolve("oracle.mp4");
    long lengthMs = (long) (halfSec * 1000) - 40;
    LipSync.sync(new SyncRequest(TestMedia.firstHalf(clip), List.of(new FaceDub("0", TestMedia.audio("retalking_1.wav"),
        0, lengthMs, 0, 1.0)), 1.0, out), SyncConfig.DEFAULT.withMotion(oracle), Progress.NONE);
    ApertureTrack rendered = ApertureTrack.measure(out);
    // Skip the cross-fade at each end of the window.
    int from = 4;
    int to = Math.min(rendered.size(), truth.size()) - 4;
    double r = Correlation.pearson(Arrays.copyOfRange(rendered.aperture(), from, to), Arrays.copyOfRange(truth.aperture(), from, to));
    System.out.printf("oracle rendering of %s: aperture r %.3f with the real second half%n", clip, r);
    assertTrue(r > 0.7, "the rendered mouth follows the wanted one: r = " + r);
  }
}
