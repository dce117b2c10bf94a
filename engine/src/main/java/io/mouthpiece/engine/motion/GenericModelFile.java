package io.mouthpiece.engine.motion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The generic model's resource file, {@value GenericModel#RESOURCE}: line-oriented, a keyword then
 * numbers (offsets, typical spread, deviation while speaking, the fit's two settings, the ridge's
 * mean, intercept and one weight row per input), written by GenericModelFitTest and read at start.
 */
final class GenericModelFile {
  private GenericModelFile() {}

  static String write(GenericModel m) {
    Ridge ridge = m.ridge();
    StringBuilder b = new StringBuilder();
    b.append("# Mouthpiece generic motion model: ridge from standardised log-mel context (AudioFeatures.melContext)\n");
    b.append("# to MouthParams relative to the speaker: (param - closed) / (p95 - p5), fitted on the clips of corpus.tsv.\n");
    b.append("# lambda and adaptPenalty were chosen speaker-held-out within them (GenericModelFit). Written by GenericModelFitTest:\n");
    b.append("# mvn -f engine/pom.xml test -Dtest=GenericModelFitTest -Dmouthpiece.regenerate=true\n");
    b.append("offsetsMs").append(join(Arrays.stream(m.offsetsMs()).asDoubleStream().toArray(), "%.0f")).append('\n');
    b.append("typicalSpread").append(join(m.typicalSpread(), "%.6g")).append('\n');
    b.append("speechStd").append(join(m.speechStd(), "%.6g")).append('\n');
    b.append("lambda").append(join(new double[] {m.lambda()}, "%.6g")).append('\n');
    b.append("adaptPenalty").append(join(new double[] {m.adaptPenalty()}, "%.6g")).append('\n');
    b.append("mean").append(join(ridge.mean(), "%.6g")).append('\n');
    b.append("intercept").append(join(ridge.intercept(), "%.6g")).append('\n');
    for (double[] w : ridge.weights()) {
      b.append("w").append(join(w, "%.6g")).append('\n');
    }
    return b.toString();
  }

  static GenericModel read(String text) {
    int[] offsets = null;
    double[] spread = null;
    double[] mean = null;
    double[] intercept = null;
    double[] lambda = null;
    double[] adaptPenalty = null;
    double[] speechStd = null;
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
        case "lambda" -> lambda = v;
        case "speechStd" -> speechStd = v;
        case "adaptPenalty" -> adaptPenalty = v;
        case "w" -> weights.add(v);
        default -> throw new IllegalArgumentException("unknown line in " + GenericModel.RESOURCE + ": " + f[0]);
      }
    }
    if (offsets == null || spread == null || mean == null || intercept == null || lambda == null || adaptPenalty == null
        || speechStd == null || weights.size() != mean.length) {
      throw new IllegalArgumentException(GenericModel.RESOURCE + " is incomplete");
    }
    return new GenericModel(offsets, new Ridge(mean, weights.toArray(double[][]::new), intercept), spread, speechStd,
        lambda[0], adaptPenalty[0]);
  }

  private static String join(double[] values, String format) {
    StringBuilder b = new StringBuilder();
    for (double v : values) {
      b.append(' ').append(String.format(Locale.ROOT, format, v));
    }
    return b.toString();
  }
}
