package io.mouthpiece.engine.speaker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Who speaks when. In: each face's mouth over time ({@link MouthSeries}) and the speech of the
 * video's own sound ({@link HeardSpeech}; null for a video without sound). Out: {@link WhoSpeaks}.
 * A mouth is compared with a {@link SoundCue} of the sound, by default the mouth the generic motion
 * model predicts from it ({@link AttributionConfig.Cue#PREDICTED_MOUTH}: aperture, width and jaw,
 * each against the face's own, r their mean at one lag). Inside each stretch of speech (voice
 * activity, pauses under 300 ms bridged):
 * <ol>
 *   <li><b>Who follows the voice best, frame by frame</b>: each face's mouth is correlated with the
 *       cue over a sliding window ({@link WindowedSync}), and each frame goes to the face with the
 *       highest r. One voice, one speaker: the sound cannot tell two voices apart, so overlapping talk
 *       goes to the lips that follow it best. A turn shorter than {@link AttributionConfig#minTurnSec}
 *       is given to its longer neighbour (windowed r flickers between two faces; nobody takes the
 *       floor for less than a second), and each change of face is moved as in step 3, so that each
 *       face is tested next on its own side of it.
 *   <li><b>Which of those faces really speak</b>: over all its turns together (each widened to at
 *       least a window), a face's mouth must follow the cue better than it follows every one of up to
 *       {@link AttributionConfig#nullShifts} copies of the same sound shifted in a loop by {@link
 *       AttributionConfig#minShiftSec} or more, at least {@link AttributionConfig#shiftSpacingSec}
 *       apart (nearer, two copies are one), and at least {@link AttributionConfig#minNullZ} of
 *       their standard deviations above their mean. Shifted, the sound keeps its rhythm and loudness
 *       but loses its timing: this is the chance level of this very face and sound. A sound too short
 *       for {@link AttributionConfig#minNullShifts} copies cannot say. A voice off screen, a still
 *       face, or a face that only moves its lips is so left out.
 *   <li><b>Who speaks when</b>: step 1 again among the faces found speaking, and each change of
 *       speaker inside a stretch moved to where the two mouths, each on its own side, follow the
 *       voice best together.
 * </ol>
 * A turn's outer edges are its stretch's (voice activity is read every 10 ms, the mouth only every
 * analysed frame).
 *
 * <p>Defaults, and why (figures from {@code CalibrationTest}, on the motion corpus's ten clips that
 * no test here builds from, each face against its own sound and the others', whole and in 5 s
 * pieces, each sound's mouth predicted by the generic model fitted without its speaker): the window
 * (3 s) and the lags (-40..+240 ms: engine.md's -40..+120 widened to cover those clips' own sync
 * peaks, which reach +220 ms where a recording's sound runs late). The shortest shift (1 s) is
 * eval's detrend window: beyond it the shifted sound shares no trend with the true one. Beating
 * every shift alone is a rank test at p = 1/20 only if the copies are independent: on 5 s, where
 * the lag search makes neighbouring shifts alike, it let through 7.4% of unrelated pairs with the
 * envelope and 9.7% with the predicted mouth; the z bar (2.25, the lowest in steps of 0.25 that
 * keeps them under 1/20: 4.3%) does. The predicted mouth found 98% of the whole clips' own speech
 * and 0.4% of unrelated speech, 22 of 37 pieces of 5 s (the envelope, as before: 89%, 2.2%, 13 of
 * 37 with 7.4% of unrelated pairs); a face seen for 2.5 s only, 5 of 37.
 */
public final class SpeakerAttribution {
  private SpeakerAttribution() {}

  /** Who speaks when; every face in {@code mouths} gets an entry, empty when it never speaks. */
  public static WhoSpeaks of(Map<String, MouthSeries> mouths, HeardSpeech speech, AttributionConfig config) {
    config.checkValidity();
    Map<String, List<SpeakingRange>> ranges = new LinkedHashMap<>();
    mouths.keySet().forEach(id -> ranges.put(id, new ArrayList<>()));
    if (speech == null) {
      return new WhoSpeaks(freeze(ranges), false, WhoSpeaks.NO_SOUND);
    }
    if (speech.stretches().isEmpty()) {
      return new WhoSpeaks(freeze(ranges), true, WhoSpeaks.NO_SPEECH);
    }
    SoundCue cue = speech.cue(config.cue());
    List<String> ids = new ArrayList<>(mouths.keySet());
    List<MouthSeries> series = ids.stream().map(mouths::get).toList();
    List<double[][]> detrended = series.stream().map(WindowedSync::detrended).toList();
    TreeSet<Double> allTimes = new TreeSet<>();
    series.forEach(m -> Arrays.stream(m.timesSec()).forEach(allTimes::add));
    double[] times = allTimes.stream().mapToDouble(Double::doubleValue).toArray();
    // r[f][k]: face f's windowed r at timeline frame k; NaN where it is not seen or has no r.
    double[][] r = new double[ids.size()][times.length];
    for (int f = 0; f < ids.size(); f++) {
      Arrays.fill(r[f], Double.NaN);
      MouthSeries m = series.get(f);
      double[] own = WindowedSync.of(m.timesSec(), detrended.get(f), cue, config.windowSec(), config.lagsMs());
      for (int j = 0; j < m.size(); j++) {
        r[f][Arrays.binarySearch(times, m.timesSec()[j])] = own[j];
      }
    }
    // First who follows the voice best where, among every face; then which of them really speaks;
    // then who follows it best among those alone, so a face found not speaking leaves its stretches
    // to the one that does rather than to nobody.
    Map<Integer, List<double[]>> candidate = new LinkedHashMap<>();
    List<List<Turn>> firstTurns = new ArrayList<>();
    for (double[] stretch : speech.stretches()) {
      List<Turn> turns = refinedTurns(stretch, times, r, series, detrended, cue, config);
      firstTurns.add(turns);
      for (Turn turn : turns) {
        if (turn.face >= 0) {
          candidate.computeIfAbsent(turn.face, f -> new ArrayList<>()).add(new double[] {turn.startSec, turn.endSec});
        }
      }
    }
    boolean[] speaker = new boolean[ids.size()];
    candidate.forEach((f, spans) -> speaker[f] = speaks(series.get(f), detrended.get(f), spans, cue, config));
    boolean dropped = false;
    for (int f = 0; f < ids.size(); f++) {
      if (!speaker[f] && Arrays.stream(r[f]).anyMatch(v -> !Double.isNaN(v))) {
        Arrays.fill(r[f], Double.NaN);
        dropped = true;
      }
    }
    for (int s = 0; s < speech.stretches().size(); s++) {
      // Nobody's r cleared: the second pass would find the first's turns again.
      List<Turn> turns = dropped
          ? refinedTurns(speech.stretches().get(s), times, r, series, detrended, cue, config) : firstTurns.get(s);
      for (Turn turn : turns) {
        if (turn.face < 0) {
          continue;
        }
        ranges.get(ids.get(turn.face)).add(new SpeakingRange(Math.round(turn.startSec * 1000),
            Math.round(turn.endSec * 1000)));
      }
    }
    ranges.values().forEach(SpeakerAttribution::mergeTouching);
    boolean anyone = ranges.values().stream().anyMatch(l -> !l.isEmpty());
    return new WhoSpeaks(freeze(ranges), true, anyone ? "" : WhoSpeaks.NO_MOUTH);
  }

  /** The stretch's turns ({@link #turns}), each change of face moved to where it fits best ({@link #refineChanges}). */
  private static List<Turn> refinedTurns(double[] stretch, double[] times, double[][] r, List<MouthSeries> series,
      List<double[][]> detrended, SoundCue cue, AttributionConfig config) {
    List<Turn> turns = turns(stretch, times, r, config.minTurnSec());
    refineChanges(turns, times, series, detrended, cue, config);
    return turns;
  }

  /** A candidate turn: a face (-1: none has an r there) over a time span. */
  private static final class Turn {
    int face;
    double startSec;
    double endSec;

    Turn(int face, double startSec, double endSec) {
      this.face = face;
      this.startSec = startSec;
      this.endSec = endSec;
    }

    double durationSec() {
      return endSec - startSec;
    }
  }

  /** The stretch cut where the best-following face changes, short turns given to their longer neighbour. */
  static List<Turn> turns(double[] stretch, double[] times, double[][] r, double minTurnSec) {
    int from = lowerBound(times, stretch[0]);
    int to = lowerBound(times, stretch[1]);
    List<Turn> turns = new ArrayList<>();
    for (int k = from; k < to; k++) {
      int best = -1;
      for (int f = 0; f < r.length; f++) {
        if (!Double.isNaN(r[f][k]) && (best < 0 || r[f][k] > r[best][k])) {
          best = f;
        }
      }
      double startSec = k == from ? stretch[0] : (times[k - 1] + times[k]) / 2;
      double endSec = k == to - 1 ? stretch[1] : (times[k] + times[k + 1]) / 2;
      Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
      if (last != null && last.face == best) {
        last.endSec = endSec;
      } else {
        turns.add(new Turn(best, startSec, endSec));
      }
    }
    while (turns.size() > 1) {
      int shortest = 0;
      for (int i = 1; i < turns.size(); i++) {
        shortest = turns.get(i).durationSec() < turns.get(shortest).durationSec() ? i : shortest;
      }
      Turn s = turns.get(shortest);
      if (s.durationSec() >= minTurnSec) {
        break;
      }
      Turn before = shortest > 0 ? turns.get(shortest - 1) : null;
      Turn after = shortest < turns.size() - 1 ? turns.get(shortest + 1) : null;
      Turn into = after == null || (before != null && before.durationSec() >= after.durationSec()) ? before : after;
      into.startSec = Math.min(into.startSec, s.startSec);
      into.endSec = Math.max(into.endSec, s.endSec);
      turns.remove(shortest);
      // The neighbours on either side may now be the same face: one turn.
      for (int i = turns.size() - 1; i > 0; i--) {
        if (turns.get(i).face == turns.get(i - 1).face) {
          turns.get(i - 1).endSec = turns.get(i).endSec;
          turns.remove(i);
        }
      }
    }
    return turns;
  }

  /**
   * Whether the face's mouth follows the cue, over all the spans where it follows it best (each
   * widened to at least a window), better than over at least {@link AttributionConfig#nullShare} of
   * the shifted copies of the sound, and by {@link AttributionConfig#minNullZ} of their standard
   * deviations above their mean: on a short sound the copies are few and alike, and beating them all
   * is more likely than their count says.
   */
  private static boolean speaks(MouthSeries mouth, double[][] detrended, List<double[]> spans, SoundCue cue,
      AttributionConfig config) {
    boolean[] in = new boolean[mouth.size()];
    for (double[] span : spans) {
      int[] f = frames(mouth, span[0], span[1], config.windowSec());
      Arrays.fill(in, f[0], f[1], true);
    }
    int count = 0;
    for (boolean b : in) {
      count += b ? 1 : 0;
    }
    if (count < WindowedSync.MIN_FRAMES) {
      return false;
    }
    double[] times = new double[count];
    double[][] values = new double[detrended.length][count];
    for (int j = 0, k = 0; j < in.length; j++) {
      if (in[j]) {
        times[k] = mouth.timesSec()[j];
        for (int p = 0; p < values.length; p++) {
          values[p][k] = detrended[p][j];
        }
        k++;
      }
    }
    int[] lags = config.lagsMs();
    double aligned = WindowedSync.bestR(times, values, 0, count, cue, lags, 0);
    double room = cue.durationSec() - 2 * config.minShiftSec();
    int shifts = room < 0 ? 0
        : Math.min(config.nullShifts(), 1 + (int) Math.floor(room / config.shiftSpacingSec() + 1e-9));
    if (Double.isNaN(aligned) || aligned <= 0 || shifts < config.minNullShifts()) {
      return false;
    }
    int beaten = 0;
    double sum = 0;
    double sumSq = 0;
    for (int s = 0; s < shifts; s++) {
      double shift = config.minShiftSec() + (shifts == 1 ? 0 : room * s / (shifts - 1));
      double r = WindowedSync.bestR(times, values, 0, count, cue, lags, shift);
      beaten += Double.isNaN(r) || aligned > r ? 1 : 0;
      r = Double.isNaN(r) ? 0 : r;
      sum += r;
      sumSq += r * r;
    }
    double mean = sum / shifts;
    double sd = Math.sqrt(Math.max(0, sumSq / shifts - mean * mean));
    return beaten >= config.nullShare() * shifts - 1e-9 && aligned - mean >= config.minNullZ() * sd;
  }

  /** The face's frames in a span, widened about its centre to at least {@code minSec}: a short turn alone says too little. */
  private static int[] frames(MouthSeries mouth, double startSec, double endSec, double minSec) {
    double half = Math.max(endSec - startSec, minSec) / 2;
    double centre = (startSec + endSec) / 2;
    return new int[] {lowerBound(mouth.timesSec(), centre - half), lowerBound(mouth.timesSec(), centre + half)};
  }

  /**
   * Moves each change of speaker inside a stretch to where the two faces' mouths, each over its own
   * side, follow the voice best together (the frame count times r of each side, summed): the
   * sliding window only says roughly where the voice changed hands, and leans towards the face whose
   * lips follow their voice less closely. Candidates are the frame midpoints within half a window
   * of the first guess, each side keeping at least one frame.
   */
  private static void refineChanges(List<Turn> turns, double[] times, List<MouthSeries> series,
      List<double[][]> detrended, SoundCue cue, AttributionConfig config) {
    int[] lags = config.lagsMs();
    for (int i = 1; i < turns.size(); i++) {
      Turn a = turns.get(i - 1);
      Turn b = turns.get(i);
      if (a.face < 0 || b.face < 0) {
        continue;
      }
      double bestScore = Double.NEGATIVE_INFINITY;
      double bestAt = a.endSec;
      int from = lowerBound(times, Math.max(a.startSec, a.endSec - config.windowSec() / 2));
      int to = lowerBound(times, Math.min(b.endSec, a.endSec + config.windowSec() / 2));
      for (int k = Math.max(from, 1); k < to; k++) {
        double at = (times[k - 1] + times[k]) / 2;
        if (at <= a.startSec || at >= b.endSec) {
          continue;
        }
        double score = sideScore(series.get(a.face), detrended.get(a.face), a.startSec, at, cue, lags)
            + sideScore(series.get(b.face), detrended.get(b.face), at, b.endSec, cue, lags);
        if (score > bestScore) {
          bestScore = score;
          bestAt = at;
        }
      }
      a.endSec = bestAt;
      b.startSec = bestAt;
    }
  }

  /** Frames times r of a face over a span; 0 when it has too few frames there to say. */
  private static double sideScore(MouthSeries mouth, double[][] detrended, double startSec, double endSec,
      SoundCue cue, int[] lags) {
    int from = lowerBound(mouth.timesSec(), startSec);
    int to = lowerBound(mouth.timesSec(), endSec);
    if (to - from < 3) {
      return 0;
    }
    double r = WindowedSync.bestR(mouth.timesSec(), detrended, from, to, cue, lags, 0);
    return Double.isNaN(r) ? 0 : (to - from) * r;
  }

  private static int lowerBound(double[] sorted, double value) {
    int i = Arrays.binarySearch(sorted, value);
    if (i < 0) {
      return -i - 1;
    }
    while (i > 0 && sorted[i - 1] == value) {
      i--;
    }
    return i;
  }

  private static void mergeTouching(List<SpeakingRange> list) {
    list.sort((a, b) -> Long.compare(a.startMs(), b.startMs()));
    List<SpeakingRange> out = new ArrayList<>();
    for (SpeakingRange s : list) {
      SpeakingRange last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && s.startMs() <= last.endMs()) {
        out.set(out.size() - 1, new SpeakingRange(last.startMs(), Math.max(last.endMs(), s.endMs())));
      } else {
        out.add(s);
      }
    }
    list.clear();
    list.addAll(out);
  }

  private static Map<String, List<SpeakingRange>> freeze(Map<String, List<SpeakingRange>> ranges) {
    Map<String, List<SpeakingRange>> out = new LinkedHashMap<>();
    ranges.forEach((id, l) -> out.put(id, List.copyOf(l)));
    return Collections.unmodifiableMap(out);
  }
}
