package io.mouthpiece.engine.motion;

import io.mouthpiece.engine.mouth.MouthParams;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Speech to mouth for any speaker: one ridge regression from standardised log-mel context to mouth
 * params relative to the speaker's own range ({@code (param - closed) / spread}, spread = 95th minus
 * 5th percentile), fitted across speakers ({@link GenericModelFit}) and shipped as {@value #RESOURCE}.
 * For a target speaker it is calibrated with their closed mouth and spread ({@link #forSpeaker}),
 * and, when their video speaks, adapted to them ({@link #adaptedTo}): a ridge regression of what
 * the generic model gets wrong on their own frames, pulled towards zero by a prior as strong as
 * {@link #adaptPenalty()} of the source's measured frames, so a few seconds of source change it a
 * little and a minute changes it more (maximum a posteriori adaptation, with the generic model as the prior).
 *
 * <p>Regenerate the resource after changing the features, the fit or the corpus:
 * {@code mvn -f engine/pom.xml test -Dtest=GenericModelFitTest -Dmouthpiece.regenerate=true}.
 */
public final class GenericModel {
  static final String RESOURCE = "generic-motion.txt";

  /** One speaker's clips: what the fit weighs as one, and leaves out as one. */
  public record Speaker(String name, List<SourceSpeech> clips) {}

  private final int[] offsetsMs;
  private final Ridge ridge;
  private final double[] typicalSpread;
  private final double[] speechStd;
  private final double lambda;
  private final double adaptPenalty;

  GenericModel(int[] offsetsMs, Ridge ridge, double[] typicalSpread, double[] speechStd, double lambda,
      double adaptPenalty) {
    this.offsetsMs = offsetsMs;
    this.ridge = ridge;
    this.typicalSpread = typicalSpread;
    this.speechStd = speechStd;
    this.lambda = lambda;
    this.adaptPenalty = adaptPenalty;
  }

  private static GenericModel shipped;

  /** The model shipped in the engine jar. */
  public static synchronized GenericModel shipped() {
    if (shipped == null) {
      try (InputStream in = GenericModel.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the engine jar lacks " + RESOURCE);
        }
        shipped = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shipped;
  }

  /** Fits across speakers, each weighing the same; its settings are chosen speaker-held-out (see {@link GenericModelFit}). */
  public static GenericModel fit(List<Speaker> speakers, MotionConfig config) {
    return GenericModelFit.fit(speakers, config);
  }

  /**
   * For each speaker (by name), the model fitted on every other speaker, with its settings chosen
   * among those others alone: what speaker-held-out figures are measured with.
   */
  public static Map<String, GenericModel> leaveOneSpeakerOut(List<Speaker> speakers, MotionConfig config) {
    return GenericModelFit.leaveOneSpeakerOut(speakers, config);
  }

  /**
   * The model for one speaker who cannot teach it (too little speech): their closed mouth, and
   * their spread when {@code range} is given (else the typical spreads of the training speakers).
   */
  public MotionModel forSpeaker(double[] closed, MouthRange range, MotionConfig config) {
    return model("generic", ridge, closed, range == null ? typicalSpread : range.spreads(), config);
  }

  /**
   * The model adapted to a speaker whose source speaks: centred on the source's own mean mouth and
   * audio, the generic map plus what it gets wrong on the source's measured frames (relative to
   * {@code range}), shrunk by the prior.
   */
  public MotionModel adaptedTo(SourceSpeech source, MouthRange range, MotionConfig config) {
    RidgeSums sums = new RidgeSums(ridge.mean().length, MouthParams.COUNT);
    for (int i = 0; i < source.frameTimesSec().length; i++) {
      if (MouthRange.valid(source.params()[i])) {
        sums.add(source.audio().melContext(source.frameTimesSec()[i], offsetsMs), relative(source.params()[i], range), 1);
      }
    }
    if (sums.weight() < 2) {
      return model("generic", ridge, range.closed(), range.spreads(), config);
    }
    // Centred on the source's own means, so its mean mouth is the speaker's own whatever the prior (an
    // infinite one keeps the generic weights); the generic map plus its residual fit is one ridge.
    Ridge adapted = new Ridge(sums.meanX(), adaptWeights(ridge.weights(), sums, adaptPenalty), sums.meanY());
    return model("adapted", adapted, range.closed(), range.spreads(), config);
  }

  /**
   * Generic weights adapted to the rows of {@code speaker}: {@code W + (C + P I)^-1 (c - C W)} with C
   * and c the speaker's centred Gram and cross-products, P the prior's strength; W itself for an
   * infinite P.
   */
  static double[][] adaptWeights(double[][] generic, RidgeSums speaker, double penalty) {
    int d = generic.length;
    int p = generic[0].length;
    double[][] w = new double[d][];
    for (int a = 0; a < d; a++) {
      w[a] = generic[a].clone();
    }
    if (Double.isInfinite(penalty)) {
      return w;
    }
    double[][] gram = speaker.centredGram();
    double[][] rhs = speaker.centredCross();
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        double g = gram[a][b];
        for (int k = 0; k < p; k++) {
          rhs[a][k] -= g * generic[b][k];
        }
      }
      gram[a][a] += penalty;
    }
    double[][] residual = Ridge.Cholesky.solve(gram, rhs);
    for (int a = 0; a < d; a++) {
      for (int k = 0; k < p; k++) {
        w[a][k] += residual[a][k];
      }
    }
    return w;
  }

  /** A speaker's params relative to their range: 0 closed, 1 a spread above it. */
  static double[] relative(double[] params, MouthRange range) {
    double[] u = new double[params.length];
    for (int p = 0; p < u.length; p++) {
      u[p] = (params[p] - range.closed()[p]) / range.spread(p);
    }
    return u;
  }

  private MotionModel model(String name, Ridge map, double[] closed, double[] spread, MotionConfig config) {
    double[] closedCopy = closed.clone();
    TrajectoryShaper shaper = new TrajectoryShaper(config);
    return new MotionModel() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public MouthTrajectory predict(AudioFeatures audio, double[] frameTimesSec) {
        VoiceActivity voice = VoiceActivity.of(audio);
        double[][] raw = mapped(map, audio, frameTimesSec);
        restoreVariance(raw, frameTimesSec, voice);
        for (double[] u : raw) {
          for (int p = 0; p < u.length; p++) {
            u[p] = closedCopy[p] + u[p] * spread[p];
          }
        }
        return shaper.shape(raw, frameTimesSec, audio, voice, closedCopy);
      }
    };
  }

  /**
   * The bare generic map at each time: relative params (0 closed, 1 a spread above), neither
   * calibrated to a speaker, nor variance-restored, nor shaped. Each column is an affine function
   * of what {@link MotionModel#predict} starts from, so it correlates with a mouth as well; speaker
   * attribution reads it as the mouth the sound asks for.
   */
  public double[][] relativeAt(AudioFeatures audio, double[] timesSec) {
    return mapped(ridge, audio, timesSec);
  }

  /** {@code map} applied to the sound's mel context at each time: one row of relative params a time. */
  private double[][] mapped(Ridge map, AudioFeatures audio, double[] timesSec) {
    double[][] out = new double[timesSec.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = map.apply(audio.melContext(timesSec[i], offsetsMs));
    }
    return out;
  }

  /**
   * Global variance restored (as speech synthesis does for its parameter trajectories, Toda and
   * Tokuda 2007): a regression's output is shrunk towards the mean by its uncertainty, so it
   * mumbles, a half-open mouth that hardly closes between syllables. Its deviation while the
   * piece speaks is scaled to the deviation real mouths show while they speak ({@link #speechStd},
   * measured on the training speakers), at most {@link #MAX_GAIN} times. Every frame is scaled
   * about the speaking frames' mean, gaps between words too: the shaper closes the pauses after.
   */
  private void restoreVariance(double[][] relative, double[] timesSec, VoiceActivity voice) {
    List<double[]> speaking = new ArrayList<>();
    for (int i = 0; i < relative.length; i++) {
      if (voice.isSpeech(timesSec[i])) {
        speaking.add(relative[i]);
      }
    }
    if (speaking.size() < 2) {
      return;
    }
    double[] sd = ColumnStats.deviation(speaking);
    double[] mean = ColumnStats.mean(speaking);
    for (int p = 0; p < mean.length; p++) {
      double gain = sd[p] > 0 && speechStd[p] > 0 ? Math.min(MAX_GAIN, speechStd[p] / sd[p]) : 1;
      for (double[] u : relative) {
        u[p] = mean[p] + (u[p] - mean[p]) * gain;
      }
    }
  }

  /** The most {@link #restoreVariance} scales a trajectory: beyond it, it would amplify noise, not speech. */
  static final double MAX_GAIN = 4;

  /** The ridge penalty the fit chose. */
  public double lambda() {
    return lambda;
  }

  /** How many of a source's measured frames weigh as much as the generic prior in adaptation (infinite: none). */
  public double adaptPenalty() {
    return adaptPenalty;
  }

  /** Typical spreads (95th minus 5th percentile) of the training speakers, per param. */
  public double[] typicalSpread() {
    return typicalSpread.clone();
  }

  /** The deviation of real mouths' relative params while they speak, what {@link #restoreVariance} restores. */
  double[] speechStd() {
    return speechStd.clone();
  }

  /** The map from audio context to relative params. */
  Ridge ridge() {
    return ridge;
  }

  /** The offsets (ms) the model reads; a config using it must have the same. */
  public int[] offsetsMs() {
    return offsetsMs.clone();
  }

  /** The resource's text ({@link GenericModelFile}). */
  public String toText() {
    return GenericModelFile.write(this);
  }

  static GenericModel parse(String text) {
    return GenericModelFile.read(text);
  }
}
