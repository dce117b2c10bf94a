package io.mouthpiece.engine.report;

import java.util.List;

/**
 * How well one face's lip-sync came out, and what limited it: its frames (re-rendered, passed
 * through and why), its mouth library, the sync measured on the mouth as drawn (not re-tracked
 * from the output: see {@link SyncMeasure}), the pauses' closed mouths, warnings a person can act
 * on and a one-line verdict. Built by {@link QualityReporter} from what the render knew.
 *
 * @param warnings each problem found, with what to do about it; empty when none
 * @param verdict "good", or what limited the result, in one line
 * @param drivenBy what drove the mouth: {@link #BY_PHONEMES} (the synthesiser's phonemes of typed
 *     words) or {@link #BY_SOUND} (the motion model, from the speech's sound)
 */
public record QualityReport(String faceId, FrameCounts frames, LibrarySurvey library, SyncMeasure sync,
    PauseMeasure pauses, List<String> warnings, String verdict, String drivenBy) {
  /** The mouth followed the phonemes the synthesiser spoke. */
  public static final String BY_PHONEMES = "phonemes";
  /** The mouth followed the sound of the speech. */
  public static final String BY_SOUND = "sound";

  public QualityReport {
    warnings = List.copyOf(warnings);
  }
}
