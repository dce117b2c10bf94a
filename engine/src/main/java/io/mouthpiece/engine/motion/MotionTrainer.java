package io.mouthpiece.engine.motion;

import io.mouthpiece.engine.mouth.MouthParams;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chooses and fits the motion model for one speaker. In: the source video's audio, frame times
 * and measured mouth ({@link SourceSpeech}). Out: the speaker-adapted model ({@link AdaptedModel})
 * when the source has enough speech and measured frames AND it beats the fallback on held-back
 * parts of the source (blocked k-fold over time: each block predicted by a model fitted on the
 * others, one Pearson r pooled over all held-out frames); otherwise the fallback: the generic
 * model calibrated to the speaker ({@link GenericModel}), or the loudness baseline when no generic
 * model serves the config. Loudness is scored on the same blocks for the report, not chosen:
 * on 2-3 s of source the blocks' scores are noisy, and letting three candidates compete on them
 * picked worse models on the half-split protocol (median r 0.50 against 0.56).
 */
public final class MotionTrainer {
  private MotionTrainer() {}

  /** The chosen model. */
  public static MotionModel train(SourceSpeech source, MotionConfig config) {
    return trainWithReport(source, config).model();
  }

  /** The chosen model, with the scores it was chosen by; the fallback is the shipped generic model. */
  public static TrainingReport trainWithReport(SourceSpeech source, MotionConfig config) {
    return trainWithReport(source, config, GenericModel.shipped());
  }

  /**
   * The same with another generic model as the fallback (e.g. one that never saw this speaker, to
   * measure honestly); when it reads other offsets than {@code config}, loudness is the fallback.
   */
  public static TrainingReport trainWithReport(SourceSpeech source, MotionConfig config, GenericModel genericModel) {
    config.checkValidity();
    GenericModel generic = Arrays.equals(genericModel.offsetsMs(), config.contextOffsetsMs()) ? genericModel : null;
    double speechSec = VoiceActivity.of(source.audio()).speechSec();
    int measured = source.measuredFrames();
    MouthRange range = MouthRange.measure(source.params(), source.closedParams(), config.minMeasuredFrames());
    double[] closed = closedOrTypical(source.closedParams());
    if (range == null || speechSec < config.minSpeechSec()) {
      String why = range == null ? "too few measured frames" : "too little speech";
      MotionModel fallback = generic != null ? generic.forSpeaker(closed, range, config)
          : new LoudnessModel(range != null ? range : typicalRange(closed), config);
      return new TrainingReport(fallback, speechSec, measured, Map.of(), why);
    }
    // The fallback is the generic model; loudness only when no generic model fits this config.
    LoudnessModel loudness = new LoudnessModel(range, config);
    MotionModel fallback = generic != null ? generic.forSpeaker(closed, range, config) : loudness;
    Map<String, ApertureScore> scores = new LinkedHashMap<>();
    scores.put("adapted", crossValidate(source, config, null));
    scores.put(fallback.name(), crossValidate(source, config, fallback));
    if (fallback != loudness) {
      scores.put("loudness", crossValidate(source, config, loudness)); // reported, not a candidate
    }
    boolean adaptedWins = score(scores.get("adapted")) >= score(scores.get(fallback.name()));
    MotionModel chosen = adaptedWins ? AdaptedModel.fit(source, config) : fallback;
    MotionModel model = config.loudnessShare() > 0 ? new BlendedModel(chosen, loudness, config.loudnessShare()) : chosen;
    return new TrainingReport(model, speechSec, measured, scores,
        adaptedWins ? "adapted beats the fallback on held-out blocks" : "the fallback beats adapted on held-out blocks");
  }

  private static double score(ApertureScore s) {
    return Double.isNaN(s.r()) ? -2 : s.r();
  }

  /**
   * Held-out predictions of the source's aperture over {@code config.folds()} contiguous blocks:
   * the adapted model refitted without each block when {@code fixed} is null, else {@code fixed}
   * (which learns nothing from the source) run on each block alone.
   */
  static ApertureScore crossValidate(SourceSpeech source, MotionConfig config, MotionModel fixed) {
    double[] times = source.frameTimesSec();
    int n = times.length;
    double[] predicted = new double[n];
    double[] measured = new double[n];
    Arrays.fill(predicted, Double.NaN);
    for (int i = 0; i < n; i++) {
      measured[i] = MouthRange.valid(source.params()[i]) ? source.params()[i][MouthParams.APERTURE] : Double.NaN;
    }
    int folds = config.folds();
    for (int f = 0; f < folds; f++) {
      int from = (int) ((long) n * f / folds);
      int to = (int) ((long) n * (f + 1) / folds);
      MotionModel model = fixed;
      if (model == null) {
        model = AdaptedModel.fit(source, i -> i < from || i >= to, config);
        if (model == null) {
          continue;
        }
      }
      double[] blockTimes = Arrays.copyOfRange(times, from, to);
      double[] aperture = model.predict(source.audio(), blockTimes).column(MouthParams.APERTURE);
      System.arraycopy(aperture, 0, predicted, from, aperture.length);
    }
    return ApertureScore.of(predicted, measured);
  }

  private static double[] closedOrTypical(double[] closed) {
    return MouthRange.valid(closed) ? closed : TYPICAL_CLOSED.clone();
  }

  /** A frontal adult's closed mouth, for a source whose closed mouth is unknown (no face). */
  private static final double[] TYPICAL_CLOSED = {0.03, 0.55, 1.30};

  private static MouthRange typicalRange(double[] closed) {
    double[] open = closed.clone();
    open[MouthParams.APERTURE] += 0.2;
    return new MouthRange(closed, closed.clone(), closed.clone(), open);
  }
}
