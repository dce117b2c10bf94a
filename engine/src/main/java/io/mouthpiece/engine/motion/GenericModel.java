package io.mouthpiece.engine.motion;

import io.mouthpiece.engine.mouth.MouthParams;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The fallback for sources with no speech to learn from (silent, music only, no face): one ridge
 * regression from standardised log-mel context to mouth params relative to the speaker's own range
 * ({@code (param - closed) / spread}, spread = 95th minus 5th percentile), fitted across all the
 * shared speaking clips and shipped as {@value #RESOURCE}. Calibrated for a target speaker with
 * their closed mouth and spread (or typical spreads when their video shows too few frames).
 *
 * <p>Regenerate the resource after changing the features or the clips:
 * {@code mvn -f engine/pom.xml test -Dtest=GenericModelFitTest -Dmouthpiece.regenerate=true}.
 */
public final class GenericModel {
  static final String RESOURCE = "generic-motion.txt";
  /** Stronger than the adapted model's penalty: what all speakers share is a smooth, simple map. */
  static final double LAMBDA = 100;

  private final int[] offsetsMs;
  private final Ridge ridge;
  private final double[] typicalSpread;

  GenericModel(int[] offsetsMs, Ridge ridge, double[] typicalSpread) {
    this.offsetsMs = offsetsMs;
    this.ridge = ridge;
    this.typicalSpread = typicalSpread;
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

  /** Fits across several speakers, each source's params taken relative to its own range. */
  public static GenericModel fit(List<SourceSpeech> sources, MotionConfig config) {
    List<double[]> x = new ArrayList<>();
    List<double[]> y = new ArrayList<>();
    double[] spreadSum = new double[MouthParams.COUNT];
    int speakers = 0;
    for (SourceSpeech s : sources) {
      MouthRange range = MouthRange.measure(s.params(), s.closedParams(), config.minMeasuredFrames());
      if (range == null) {
        continue;
      }
      speakers++;
      for (int p = 0; p < MouthParams.COUNT; p++) {
        spreadSum[p] += range.spread(p);
      }
      for (int i = 0; i < s.frameTimesSec().length; i++) {
        if (MouthRange.valid(s.params()[i])) {
          x.add(s.audio().melContext(s.frameTimesSec()[i], config.contextOffsetsMs()));
          double[] u = new double[MouthParams.COUNT];
          for (int p = 0; p < u.length; p++) {
            u[p] = (s.params()[i][p] - range.closed()[p]) / range.spread(p);
          }
          y.add(u);
        }
      }
    }
    if (speakers == 0) {
      throw new IllegalArgumentException("no source with enough measured frames");
    }
    for (int p = 0; p < spreadSum.length; p++) {
      spreadSum[p] /= speakers;
    }
    Ridge ridge = Ridge.fit(x.toArray(double[][]::new), y.toArray(double[][]::new), LAMBDA);
    return new GenericModel(config.contextOffsetsMs().clone(), ridge, spreadSum);
  }

  /**
   * The model for one speaker: their closed mouth, and their spread when {@code range} is given
   * (else the typical spreads of the training speakers).
   */
  public MotionModel forSpeaker(double[] closed, MouthRange range, MotionConfig config) {
    double[] spread = new double[MouthParams.COUNT];
    for (int p = 0; p < spread.length; p++) {
      spread[p] = range == null ? typicalSpread[p] : range.spread(p);
    }
    double[] closedCopy = closed.clone();
    TrajectoryShaper shaper = new TrajectoryShaper(config);
    return new MotionModel() {
      @Override
      public String name() {
        return "generic";
      }

      @Override
      public MouthTrajectory predict(AudioFeatures audio, double[] frameTimesSec) {
        double[][] raw = new double[frameTimesSec.length][];
        for (int i = 0; i < raw.length; i++) {
          double[] u = ridge.apply(audio.melContext(frameTimesSec[i], offsetsMs));
          for (int p = 0; p < u.length; p++) {
            u[p] = closedCopy[p] + u[p] * spread[p];
          }
          raw[i] = u;
        }
        return shaper.shape(raw, frameTimesSec, audio, VoiceActivity.of(audio), closedCopy);
      }
    };
  }

  /** Typical spreads (95th minus 5th percentile) of the training speakers, per param. */
  public double[] typicalSpread() {
    return typicalSpread.clone();
  }

  /** The offsets (ms) the model reads; a config using it must have the same. */
  public int[] offsetsMs() {
    return offsetsMs.clone();
  }

  /** The resource's text: line-oriented, a keyword then numbers. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append("# Mouthpiece generic motion model: ridge from standardised log-mel context (AudioFeatures.melContext)\n");
    b.append("# to MouthParams relative to the speaker: (param - closed) / (p95 - p5). Written by GenericModelFitTest:\n");
    b.append("# mvn -f engine/pom.xml test -Dtest=GenericModelFitTest -Dmouthpiece.regenerate=true\n");
    b.append("offsetsMs").append(join(Arrays.stream(offsetsMs).asDoubleStream().toArray(), "%.0f")).append('\n');
    b.append("typicalSpread").append(join(typicalSpread, "%.6g")).append('\n');
    b.append("mean").append(join(ridge.mean(), "%.6g")).append('\n');
    b.append("intercept").append(join(ridge.intercept(), "%.6g")).append('\n');
    for (double[] w : ridge.weights()) {
      b.append("w").append(join(w, "%.6g")).append('\n');
    }
    return b.toString();
  }

  static GenericModel parse(String text) {
    int[] offsets = null;
    double[] spread = null;
    double[] mean = null;
    double[] intercept = null;
    List<double[]> weights = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f[0].isEmpty() || f[0].startsWith("#")) {
        continue;
      }
      double[] v = Arrays.stream(f, 1, f.length).mapToDouble(Double::parseDouble).toArray();
      switch (f[0]) {
        case "offsetsMs" -> offsets = Arrays.stream(v).mapToInt(d -> (int) Math.round(d)).toArray();
        case "typicalSpread" -> spread = v;
        case "mean" -> mean = v;
        case "intercept" -> intercept = v;
        case "w" -> weights.add(v);
        default -> throw new IllegalArgumentException("unknown line in " + RESOURCE + ": " + f[0]);
      }
    }
    if (offsets == null || spread == null || mean == null || intercept == null || weights.size() != mean.length) {
      throw new IllegalArgumentException(RESOURCE + " is incomplete");
    }
    return new GenericModel(offsets, new Ridge(mean, weights.toArray(double[][]::new), intercept), spread);
  }

  private static String join(double[] values, String format) {
    StringBuilder b = new StringBuilder();
    for (double v : values) {
      b.append(' ').append(String.format(Locale.ROOT, format, v));
    }
    return b.toString();
  }
}
