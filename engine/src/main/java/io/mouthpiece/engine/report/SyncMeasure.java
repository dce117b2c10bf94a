package io.mouthpiece.engine.report;

import io.mouthpiece.engine.quality.ApertureTrack;
import io.mouthpiece.engine.quality.ChanceSync;
import io.mouthpiece.engine.quality.PooledSync;
import io.mouthpiece.engine.quality.SyncCase;
import java.util.List;

/**
 * The measured sync of one face's result, with what to read it against: eval's measure (Pearson's
 * r of the detrended mouth aperture against the detrended speech envelope, best in the window
 * -40..+120 ms, {@link PooledSync}) of the mouth as drawn against the new speech; the same of the
 * source face against the source's own sound (what real speech gets); and what chance reaches on
 * this clip ({@link ChanceSync}). The drawn mouth is not re-tracked from the output: it is the
 * aperture of the exemplar drawn in each frame (0 where drawn shut, blended with the source's own at
 * the cross-fade), which is cheap and what the renderer meant to show.
 *
 * @param frames frames measured: inside the window, with the face found
 * @param r the drawn mouth against the new speech; NaN when too few frames or a flat mouth
 * @param lagMs where in the window r is best (positive: the mouth leads the sound)
 * @param chanceR what the same mouth reaches against the speech rotated out of step (95th percentile)
 * @param naturalR the source face against the source's own sound; NaN when the source is silent
 * @param naturalFrames frames of the source that measure took
 * @param measurable whether {@code frames} reach {@link #MIN_FRAMES}; below it r is reported, not judged
 */
public record SyncMeasure(int frames, double r, int lagMs, double chanceR, double naturalR, int naturalFrames,
    boolean measurable) {
  /** The lag window r is read in, as {@code eval} reads it. */
  public static final int WINDOW_FROM_MS = PooledSync.WINDOW_FROM_MS;
  public static final int WINDOW_TO_MS = PooledSync.WINDOW_TO_MS;
  /**
   * Fewer frames than this and one clip's r says nothing: engine.md measured chance reaching r ~ 0.4
   * on 125 frames (5 s at 25 fps), about what real speech gets. r's spread by chance falls as one
   * over the square root of the frames, so at twice that it is ~0.28, below what the product pools
   * on the corpus (0.38 English, 0.49 other languages; README): a result at the product's usual
   * level can then stand out from chance, which {@link #chanceR} still checks clip by clip.
   */
  public static final int MIN_FRAMES = 250;

  /**
   * Measures {@code drawn} per frame on {@code pieceTimesSec} (seconds from the piece's start; NaN
   * where the face is not found) against the piece's envelope; what real speech gets is the
   * {@code speech}'s, measured before.
   */
  static SyncMeasure of(double[] pieceTimesSec, double[] drawn, SpeechSide speech) {
    SyncCase ours = SyncCase.of(ApertureTrack.ofApertures(pieceTimesSec, drawn), speech.envelope());
    PooledSync.Result r = PooledSync.of(List.of(ours));
    PooledSync.Result n = speech.natural();
    double naturalR = n == null ? Double.NaN : n.windowR();
    int naturalFrames = n == null ? 0 : n.frames();
    return new SyncMeasure(r.frames(), r.windowR(), r.windowLagMs(), ChanceSync.level(ours), naturalR, naturalFrames,
        r.frames() >= MIN_FRAMES);
  }

  /** Whether the drawn mouth follows the speech beyond chance; false too when it cannot be told. */
  public boolean aboveChance() {
    return !Double.isNaN(r) && !Double.isNaN(chanceR) && r > chanceR;
  }
}
