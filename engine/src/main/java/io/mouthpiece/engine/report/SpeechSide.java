package io.mouthpiece.engine.report;

import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.quality.ApertureTrack;
import io.mouthpiece.engine.quality.PooledSync;
import io.mouthpiece.engine.quality.SilenceClosure;
import io.mouthpiece.engine.quality.SpeechEnvelope;
import io.mouthpiece.engine.quality.SyncCase;
import java.util.List;

/**
 * The half of a face's report the render does not change, so it can be measured while the render
 * runs: the new speech's envelope and pauses, and the sync real speech gets (the source face
 * against the source's own sound). The band-passes and correlations here are most of a report's cost.
 *
 * @param envelope the piece's speech envelope
 * @param pauses the piece's silent stretches ({@link SilenceClosure#silentStretches})
 * @param natural the source face against the source's own sound; null when the source is silent
 */
public record SpeechSide(SpeechEnvelope envelope, List<SilenceClosure.Stretch> pauses, PooledSync.Result natural) {
  /**
   * Measures.
   *
   * @param piece the new speech's piece
   * @param sourceTimesSec each source frame's time
   * @param ownAperture the source face's aperture in each source frame; NaN where not found
   * @param sourceSound the source's own sound from the video's start; null when the source is silent
   */
  public static SpeechSide of(PcmAudio piece, double[] sourceTimesSec, double[] ownAperture, PcmAudio sourceSound) {
    PooledSync.Result natural = sourceSound == null ? null
        : PooledSync.of(List.of(SyncCase.of(ApertureTrack.ofApertures(sourceTimesSec, ownAperture), sourceSound)));
    return new SpeechSide(SpeechEnvelope.of(piece), SilenceClosure.silentStretches(piece), natural);
  }
}
