package io.mouthpiece.engine.motion;

import io.mouthpiece.engine.mouth.MouthParams;

/**
 * Two models' apertures averaged, frame by frame: a speaker's learned model with the loudness
 * prior. In: the two models and the prior's share. Out: the first model's trajectory with its
 * aperture pulled towards the prior's. Learned from a few seconds of source, a model predicts the
 * real mouth better than loudness does, but its errors are its own; loudness is a weaker but
 * independent predictor (half-split r 0.38 against 0.48), and averaging two such predictors beats
 * either. Both trajectories are already shaped (pauses closed in both), so the blend is too.
 */
public final class BlendedModel implements MotionModel {
  private final MotionModel learned;
  private final MotionModel prior;
  private final double priorShare;

  public BlendedModel(MotionModel learned, MotionModel prior, double priorShare) {
    if (!(priorShare >= 0 && priorShare <= 1)) {
      throw new IllegalArgumentException("priorShare: must be 0 to 1, got " + priorShare);
    }
    this.learned = learned;
    this.prior = prior;
    this.priorShare = priorShare;
  }

  @Override
  public String name() {
    return learned.name() + "+" + prior.name();
  }

  @Override
  public MouthTrajectory predict(AudioFeatures audio, double[] frameTimesSec) {
    MouthTrajectory a = learned.predict(audio, frameTimesSec);
    MouthTrajectory b = prior.predict(audio, frameTimesSec);
    double[][] rows = new double[a.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = a.params()[i].clone();
      rows[i][MouthParams.APERTURE] = (1 - priorShare) * a.params()[i][MouthParams.APERTURE]
          + priorShare * b.params()[i][MouthParams.APERTURE];
    }
    return new MouthTrajectory(a.timesSec(), rows);
  }
}
