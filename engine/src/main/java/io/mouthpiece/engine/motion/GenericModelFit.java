package io.mouthpiece.engine.motion;

import io.mouthpiece.engine.mouth.MouthParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fits the generic model across speakers, with nothing tuned by hand on the speakers it is judged
 * on: both of its settings are chosen by speaker-held-out validation inside the training speakers.
 * In: each speaker's clips (audio, frame times, measured mouth). Out: the model and its settings.
 * <ul>
 *   <li>Every speaker weighs the same, however long their clips (a 60 s clip must not outvote a
 *       3 s one); each clip's mouth is taken relative to its own range.
 *   <li>The ridge penalty: the one of {@link #LAMBDAS} whose model, fitted without each training
 *       speaker in turn, predicts that speaker's aperture best (median r over speakers).
 *   <li>The adaptation prior ({@link GenericModel#adaptedTo}): the one of {@link #ADAPT_PENALTIES}
 *       (or none) that best predicts the second half of each training clip after adapting, on its
 *       first half, the generic model fitted without that clip's speaker: the half-split protocol,
 *       played within the training set.
 *   <li>The typical range and, for restoring a prediction's variance, the typical deviation of the
 *       mouth while speaking: means over the training speakers (each speaker's clips averaged first).
 * </ul>
 * Rows are never kept: each speaker's and each half clip's regression sums ({@link RidgeSums}) are,
 * and held-out models and scores follow from them.
 */
final class GenericModelFit {
  /** Ridge penalties tried, per unit of (speaker-normalised) weight on standardised inputs. */
  static final double[] LAMBDAS = {0.1, 0.3, 1, 3, 10, 30, 100};
  /** Adaptation priors tried, as strong as this many of the source's measured frames. */
  static final double[] ADAPT_PENALTIES = {10, 30, 100, 300, 1000, 3000, 10000};
  /** No adaptation: the generic model alone. */
  static final double NO_ADAPTATION = Double.POSITIVE_INFINITY;

  private GenericModelFit() {}

  /** One clip's sums: all of it (speaker-weighted) and its two halves (frames weighted 1). */
  private record ClipSums(RidgeSums whole, RidgeSums first, RidgeSums second) {}

  /** A clip's mouth range (p95 - p5, per param) and the deviation of its relative params while it speaks (null: too few speaking frames). */
  private record ClipScale(double[] spread, double[] speechStd) {}

  /** Every speaker's regression sums, computed once; fits with any speakers left out follow from them. */
  private record Prepared(int[] offsets, int minMeasuredFrames, List<String> names, List<RidgeSums> perSpeaker,
      List<List<ClipSums>> halves, List<List<ClipScale>> scales) {}

  static GenericModel fit(List<GenericModel.Speaker> speakers, MotionConfig config) {
    Prepared p = prepare(speakers, config);
    return fit(p, allBut(p, NOBODY));
  }

  /** For each speaker (by name), the model fitted on all the others, settings chosen among those others alone. */
  static Map<String, GenericModel> leaveOneSpeakerOut(List<GenericModel.Speaker> speakers, MotionConfig config) {
    Prepared p = prepare(speakers, config);
    Map<String, GenericModel> out = new LinkedHashMap<>();
    GenericModel all = null;
    for (GenericModel.Speaker s : speakers) {
      int k = p.names().indexOf(s.name());
      if (k >= 0) {
        out.put(s.name(), fit(p, allBut(p, k)));
      } else {
        // A speaker without a usable clip taught nothing: the model of everyone else is the model of all.
        all = all == null ? fit(p, allBut(p, NOBODY)) : all;
        out.put(s.name(), all);
      }
    }
    return out;
  }

  /** Leave nobody out. */
  private static final int NOBODY = -1;

  /** The indices of every prepared speaker but {@code left}. */
  private static List<Integer> allBut(Prepared p, int left) {
    List<Integer> kept = new ArrayList<>();
    for (int k = 0; k < p.names().size(); k++) {
      if (k != left) {
        kept.add(k);
      }
    }
    return kept;
  }

  private static Prepared prepare(List<GenericModel.Speaker> speakers, MotionConfig config) {
    config.checkValidity();
    int[] offsets = config.contextOffsetsMsArray();
    int d = offsets.length * AudioFeatures.MEL_BANDS;
    List<String> names = new ArrayList<>();
    List<RidgeSums> perSpeaker = new ArrayList<>();
    List<List<ClipSums>> halves = new ArrayList<>();
    List<List<ClipScale>> scales = new ArrayList<>();
    for (GenericModel.Speaker speaker : speakers) {
      // The clips with enough measured frames, and the speaker's frames over them all: the weight of a frame.
      List<SourceSpeech> usable = new ArrayList<>();
      List<MouthRange> ranges = new ArrayList<>();
      int frames = 0;
      for (SourceSpeech s : speaker.clips()) {
        MouthRange range = MouthRange.measure(s.params(), s.closedParams(), config.minMeasuredFrames());
        if (range != null) {
          usable.add(s);
          ranges.add(range);
          frames += s.measuredFrames();
        }
      }
      List<ClipSums> sums = new ArrayList<>();
      List<ClipScale> clipScales = new ArrayList<>();
      for (int c = 0; c < usable.size(); c++) {
        clipScales.add(new ClipScale(ranges.get(c).spreads(), speechStd(usable.get(c), ranges.get(c))));
        sums.add(sums(usable.get(c), ranges.get(c), offsets, d, 1.0 / frames));
      }
      if (sums.isEmpty()) {
        continue;
      }
      RidgeSums speakerSums = sums.get(0).whole();
      for (int i = 1; i < sums.size(); i++) {
        speakerSums = speakerSums.combined(sums.get(i).whole(), 1);
      }
      names.add(speaker.name());
      perSpeaker.add(speakerSums);
      halves.add(sums);
      scales.add(clipScales);
    }
    if (perSpeaker.isEmpty()) {
      throw new IllegalArgumentException("no source with enough measured frames");
    }
    return new Prepared(offsets, config.minMeasuredFrames(), names, perSpeaker, halves, scales);
  }

  /** The model of the speakers {@code kept}, its settings chosen by leaving each of them out in turn. */
  private static GenericModel fit(Prepared p, List<Integer> kept) {
    if (kept.isEmpty()) {
      throw new IllegalArgumentException("no speaker left to fit on");
    }
    RidgeSums total = null;
    List<RidgeSums> perSpeaker = new ArrayList<>();
    List<List<ClipSums>> halves = new ArrayList<>();
    List<double[]> spreads = new ArrayList<>();
    List<double[]> speechStds = new ArrayList<>();
    for (int k : kept) {
      total = total == null ? p.perSpeaker().get(k) : total.combined(p.perSpeaker().get(k), 1);
      perSpeaker.add(p.perSpeaker().get(k));
      halves.add(p.halves().get(k));
      // Each speaker's clips averaged first, so a speaker with two clips counts once.
      spreads.add(ColumnStats.mean(p.scales().get(k).stream().map(ClipScale::spread).toList()));
      double[] speechStd = ColumnStats.mean(p.scales().get(k).stream().map(ClipScale::speechStd)
          .filter(Objects::nonNull).toList());
      if (speechStd != null) {
        speechStds.add(speechStd);
      }
    }
    double[] typicalSpread = ColumnStats.mean(spreads);
    // Without any speaking clip there is no deviation to restore to: zeros, which leave predictions as they are.
    double[] speechStd = speechStds.isEmpty() ? new double[MouthParams.COUNT] : ColumnStats.mean(speechStds);
    double lambda = perSpeaker.size() < 3 ? LAMBDAS[LAMBDAS.length / 2] : chooseLambda(total, perSpeaker);
    double adaptPenalty = perSpeaker.size() < 3 ? ADAPT_PENALTIES[ADAPT_PENALTIES.length / 2]
        : chooseAdaptPenalty(total, perSpeaker, halves, lambda, p.minMeasuredFrames());
    Ridge ridge = total.solve(lambda * total.weight());
    return new GenericModel(p.offsets(), ridge, typicalSpread, speechStd, lambda, adaptPenalty);
  }

  /** The deviation of a clip's relative params over its measured frames while it speaks; null for under two such frames. */
  private static double[] speechStd(SourceSpeech s, MouthRange range) {
    VoiceActivity voice = VoiceActivity.of(s.audio());
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < s.frameTimesSec().length; i++) {
      if (MouthRange.valid(s.params()[i]) && voice.isSpeech(s.frameTimesSec()[i])) {
        rows.add(GenericModel.relative(s.params()[i], range));
      }
    }
    return ColumnStats.deviation(rows);
  }

  private static ClipSums sums(SourceSpeech s, MouthRange range, int[] offsets, int d, double weight) {
    RidgeSums whole = new RidgeSums(d, MouthParams.COUNT);
    RidgeSums first = new RidgeSums(d, MouthParams.COUNT);
    RidgeSums second = new RidgeSums(d, MouthParams.COUNT);
    int n = s.frameTimesSec().length;
    for (int i = 0; i < n; i++) {
      if (MouthRange.valid(s.params()[i])) {
        double[] x = s.audio().melContext(s.frameTimesSec()[i], offsets);
        double[] y = GenericModel.relative(s.params()[i], range);
        whole.add(x, y, weight);
        (i < n / 2 ? first : second).add(x, y, 1);
      }
    }
    return new ClipSums(whole, first, second);
  }

  private static double chooseLambda(RidgeSums total, List<RidgeSums> perSpeaker) {
    double best = Double.NEGATIVE_INFINITY;
    double chosen = LAMBDAS[LAMBDAS.length / 2];
    List<RidgeSums> without = perSpeaker.stream().map(s -> total.combined(s, -1)).toList();
    for (double lambda : LAMBDAS) {
      double[] r = new double[perSpeaker.size()];
      for (int k = 0; k < r.length; k++) {
        RidgeSums others = without.get(k);
        r[k] = perSpeaker.get(k).correlation(others.solve(lambda * others.weight()).weights())[MouthParams.APERTURE];
      }
      double score = median(r);
      if (score > best) {
        best = score;
        chosen = lambda;
      }
    }
    return chosen;
  }

  private static double chooseAdaptPenalty(RidgeSums total, List<RidgeSums> perSpeaker, List<List<ClipSums>> halves,
      double lambda, int minMeasuredFrames) {
    double[] candidates = Arrays.copyOf(ADAPT_PENALTIES, ADAPT_PENALTIES.length + 1);
    candidates[ADAPT_PENALTIES.length] = NO_ADAPTATION;
    List<double[]> scores = new ArrayList<>();
    for (int k = 0; k < perSpeaker.size(); k++) {
      RidgeSums without = total.combined(perSpeaker.get(k), -1);
      double[][] generic = without.solve(lambda * without.weight()).weights();
      List<double[]> speakerScores = new ArrayList<>();
      for (ClipSums clip : halves.get(k)) {
        // Only halves the product would adapt from (MotionTrainer needs minMeasuredFrames), judged on at least as many.
        if (clip.first().weight() < minMeasuredFrames || clip.second().weight() < minMeasuredFrames) {
          continue;
        }
        double[] r = new double[candidates.length];
        for (int c = 0; c < candidates.length; c++) {
          double[][] w = GenericModel.adaptWeights(generic, clip.first(), candidates[c]);
          r[c] = clip.second().correlation(w)[MouthParams.APERTURE];
        }
        speakerScores.add(r);
      }
      // A speaker with two clips counts once.
      double[] speakerMean = ColumnStats.mean(speakerScores);
      if (speakerMean != null) {
        scores.add(speakerMean);
      }
    }
    double best = Double.NEGATIVE_INFINITY;
    double chosen = NO_ADAPTATION;
    for (int c = 0; c < candidates.length; c++) {
      final int cc = c;
      double score = median(scores.stream().mapToDouble(r -> r[cc]).toArray());
      if (score > best) {
        best = score;
        chosen = candidates[c];
      }
    }
    return chosen;
  }

  private static double median(double[] v) {
    double[] c = Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
    if (c.length == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
  }
}
