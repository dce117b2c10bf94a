package io.mouthpiece.engine.motion;

import io.mouthpiece.engine.mouth.MouthParams;
import io.mouthpiece.engine.speech.Phoneme;
import java.util.List;

/**
 * The mouth driven by the phonemes of synthesised speech instead of its sound: where the text and
 * the synthesiser's timing are known, the lips can close on every p, b and m. In: the phonemes
 * with their times (ms on the piece's timeline) and the speaker's measured range. Out: the wanted
 * {@link MouthParams} at each output time. Each phoneme's {@link Viseme} is a target in the
 * speaker's range; the targets are blended by dominance (Cohen &amp; Massaro 1993: each segment
 * pulls the lips towards its shape with a weight that is largest inside it and falls off with time
 * outside it), so the lips move smoothly and sounds made by the tongue take the shape of their
 * neighbours. The lips then shut over every bilabial, whatever the blend gives. Every segment is
 * seen {@link #LEAD_MS} early. The sound is not read: the phonemes say when it pauses.
 */
public final class PhonemeMotion implements MotionModel {
  /**
   * How far the lips lead the sound. In running speech the visible gesture precedes its acoustic
   * landmark by some tens of ms (Schwartz &amp; Savariaux 2014, PLoS Comput Biol 10(7) e1003743:
   * chained syllables show leads of that order, not the 100-300 ms of isolated onsets), and
   * perception tolerates the picture leading far better than lagging (van Wassenhove et al. 2007:
   * integration window about -30 to +170 ms; ITU-R BT.1359: lag noticed from 125 ms, lead from 45 ms),
   * so erring early is safe. 40 ms is one frame at 25 fps; it was not tuned on any clip.
   */
  public static final long LEAD_MS = 40;
  /**
   * How fast a segment's pull falls off outside it (the Gaussian's sigma): a tongue consonant of
   * 40 ms between vowels takes ~80% of their shape (its lips are free), a vowel of 100 ms between
   * vowels keeps ~90% of its own at its middle. Chosen for those two, not fitted to any clip.
   */
  static final double FALL_OFF_MS = 20;
  /** A bilabial span that holds no frame shuts the nearest one, if that is at most this far from the span (one 25 fps frame). */
  private static final double NEAREST_FRAME_MS = 40;

  private final List<Phoneme> phonemes;
  private final MouthRange range;

  /** {@code phonemes} in order, ms on the timeline of the times {@link #predict} is asked for. */
  public PhonemeMotion(List<Phoneme> phonemes, MouthRange range) {
    this.phonemes = List.copyOf(phonemes);
    this.range = range;
  }

  @Override
  public String name() {
    return "phonemes";
  }

  @Override
  public MouthTrajectory predict(AudioFeatures audio, double[] frameTimesSec) {
    int n = phonemes.size();
    double[] from = new double[n];
    double[] to = new double[n];
    Viseme[] visemes = new Viseme[n];
    for (int i = 0; i < n; i++) {
      Phoneme p = phonemes.get(i);
      visemes[i] = Viseme.of(p.name());
      from[i] = p.startMs() - LEAD_MS;
      // A bilabial's lips open with its release, which is what the ear hears: that edge stays.
      to[i] = visemes[i] == Viseme.SHUT ? p.endMs() : p.endMs() - LEAD_MS;
    }
    double[][] out = new double[frameTimesSec.length][];
    for (int f = 0; f < out.length; f++) {
      out[f] = blend(frameTimesSec[f] * 1000, visemes, from, to);
    }
    shutBilabials(out, frameTimesSec, visemes, from, to);
    return new MouthTrajectory(frameTimesSec.clone(), out);
  }

  /** The dominance-weighted mean of every segment's target at {@code tMs}; at rest outside the speech. */
  private double[] blend(double tMs, Viseme[] visemes, double[] from, double[] to) {
    double a = 0;
    double w = 0;
    double j = 0;
    double weights = 0;
    for (int i = 0; i < visemes.length; i++) {
      double away = tMs < from[i] ? from[i] - tMs : tMs > to[i] ? tMs - to[i] : 0;
      if (away > 4 * FALL_OFF_MS) {
        continue;
      }
      double d = away / FALL_OFF_MS;
      double weight = visemes[i].dominance() * Math.exp(-0.5 * d * d);
      a += weight * visemes[i].aperture();
      w += weight * visemes[i].width();
      j += weight * visemes[i].jaw();
      weights += weight;
    }
    if (weights < 1e-9) {
      return params(Viseme.REST.aperture(), Viseme.REST.width(), Viseme.REST.jaw());
    }
    return params(a / weights, w / weights, j / weights);
  }

  /**
   * Shuts the lips in every frame inside a bilabial's span; a span shorter than the frames' spacing
   * that holds no frame shuts the frame nearest its middle, so no p, b or m goes unseen.
   */
  private void shutBilabials(double[][] out, double[] timesSec, Viseme[] visemes, double[] from, double[] to) {
    for (int i = 0; i < visemes.length; i++) {
      if (visemes[i] != Viseme.SHUT || out.length == 0) {
        continue;
      }
      int nearest = 0;
      boolean any = false;
      double middle = (from[i] + to[i]) / 2;
      for (int f = 0; f < out.length; f++) {
        double t = timesSec[f] * 1000;
        if (t >= from[i] && t < to[i]) {
          shut(out[f]);
          any = true;
        }
        if (Math.abs(t - middle) < Math.abs(timesSec[nearest] * 1000 - middle)) {
          nearest = f;
        }
      }
      if (!any && Math.abs(timesSec[nearest] * 1000 - middle) <= (to[i] - from[i]) / 2 + NEAREST_FRAME_MS) {
        shut(out[nearest]);
      }
    }
  }

  /** Lips together: no gap at all, the jaw as in the closed mouth. */
  private void shut(double[] row) {
    row[MouthParams.APERTURE] = 0;
    row[MouthParams.JAW] = range.closed()[MouthParams.JAW];
  }

  /** A viseme's relative target in this speaker's own range. */
  private double[] params(double aperture, double width, double jaw) {
    double[] row = new double[MouthParams.COUNT];
    double closed = range.closed()[MouthParams.APERTURE];
    row[MouthParams.APERTURE] = closed + aperture * (Math.max(closed, range.p95()[MouthParams.APERTURE]) - closed);
    double median = range.median()[MouthParams.WIDTH];
    row[MouthParams.WIDTH] = median + width * (width > 0 ? range.p95()[MouthParams.WIDTH] - median
        : median - range.p5()[MouthParams.WIDTH]);
    double closedJaw = range.closed()[MouthParams.JAW];
    row[MouthParams.JAW] = closedJaw + jaw * (range.p95()[MouthParams.JAW] - closedJaw);
    return row;
  }
}
