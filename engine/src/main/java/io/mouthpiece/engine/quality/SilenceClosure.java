package io.mouthpiece.engine.quality;

import io.mouthpiece.engine.media.PcmAudio;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Does the mouth close when the speech pauses? In: an audio and a video's {@link ApertureTrack}
 * on the audio's timeline. Out: the audio's silent stretches of at least 300 ms, and how many of
 * the frames inside them show a closed mouth (frames without a face are counted apart, neither
 * closed nor open). A mouth hanging open in a pause is what viewers of lip-sync notice first.
 *
 * <p>Silence is found by a plain energy detector of its own, apart from whatever voice activity
 * the motion model uses, so the meter does not share the engine's mistakes: every 10 ms, the
 * speech-band energy over 30 ms; speech where it is within 35 dB of the audio's own speech level
 * (its 95th-percentile frame) and at least 10 dB above its noise floor (10th percentile); 50 ms of
 * hangover either side of speech, since lips lead the sound and word ends decay below any
 * threshold.
 */
public final class SilenceClosure {
  public static final double FRAME_SEC = 0.010;
  public static final double MIN_SILENCE_SEC = 0.300;
  /** Frames this far below the speech level are silent. */
  public static final double BELOW_SPEECH_DB = 35;
  /** ... and at least this far above its noise floor (its 10th-percentile frame) ... */
  public static final double ABOVE_NOISE_DB = 10;
  /** ... but never closer than this to the speech level. */
  public static final double MIN_BELOW_SPEECH_DB = 20;
  /** Energy is measured over this window every 10 ms: one 10 ms frame of noise is too ragged. */
  private static final double SMOOTHING_SEC = 0.030;
  /** Speech extends this far beyond the frames above the threshold, both ways. */
  public static final double HANGOVER_SEC = 0.050;
  /**
   * An aperture at or below this is a closed mouth. From the five shared talking heads, each
   * frame's own mesh landmarks (QualityOnRealMediaTest prints the numbers): lips resting shut in a
   * pause measure 0.025-0.036 (retalking_face1, both pauses) and 0.029-0.037 (retalking_face5);
   * lips shut for p, b, m while speaking reach 0.009-0.029 (each clip's minimum: face2 0.009, face3
   * 0.014, face1 and AOC 0.024, face5 0.029). The lowest mouth resting *apart* in a pause is
   * retalking_face2's, 0.064-0.080, and the speaking medians are 0.070-0.144. The landmarks do not
   * meet when lips do, so closed is not 0; 0.04 is just above every closed plateau seen (0.037),
   * and well below lips resting apart. Frames between 0.04 and 0.06 are lips closing or parting
   * (1-2 px on a 50 px mouth), or shut lips seen from above (a head bowed), not counted closed.
   */
  public static final double CLOSED_APERTURE = 0.04;
  /**
   * How far above the most closed its lips ever read (the 2nd percentile of the source's
   * apertures) a speaker's mouth still counts closed, for speakers whose shut lips never read 0.04:
   * the mesh places the inner contours of full lips apart even when they are pressed. On the corpus,
   * styletalk_kristinoem's lowest reading over 18 s is 0.047 (2nd percentile 0.064) and her shut lips
   * in the output read 0.046-0.056; edtalk_tedlieu, styletalk_reagan and styletalk_andrew1 have 2nd
   * percentiles of 0.040-0.042.
   */
  public static final double ABOVE_OWN_CLOSED = 0.01;

  private SilenceClosure() {}

  /** A stretch of the audio's timeline, seconds from its first sample. */
  public record Stretch(double startSec, double endSec) {
    public double durationSec() {
      return endSec - startSec;
    }

    public boolean contains(double timeSec) {
      return timeSec >= startSec && timeSec < endSec;
    }
  }

  /**
   * The measure.
   *
   * @param silences the audio's silent stretches of at least {@link #MIN_SILENCE_SEC}
   * @param framesInSilence video frames inside them with a face
   * @param closedFrames those of them with a closed mouth
   * @param framesWithoutFace video frames inside them without a face (in neither count above)
   */
  public record Result(List<Stretch> silences, int framesInSilence, int closedFrames, int framesWithoutFace) {
    /** Closed frames over frames in silence; NaN when the audio has no silence (nothing to judge). */
    public double closedFraction() {
      return framesInSilence == 0 ? Double.NaN : closedFrames / (double) framesInSilence;
    }
  }

  /**
   * The closed threshold for one speaker: {@link #CLOSED_APERTURE}, or {@link #ABOVE_OWN_CLOSED}
   * above the 2nd percentile of their own measured apertures ({@code sourceAperture}, NaN skipped)
   * when that is higher.
   */
  public static double closedThreshold(double[] sourceAperture) {
    double[] a = Arrays.stream(sourceAperture).filter(Double::isFinite).sorted().toArray();
    if (a.length == 0) {
      return CLOSED_APERTURE;
    }
    return Math.max(CLOSED_APERTURE, a[(int) Math.floor(0.02 * (a.length - 1))] + ABOVE_OWN_CLOSED);
  }

  /** The measure with the default closed threshold. */
  public static Result measure(ApertureTrack track, PcmAudio audio) {
    return measure(track, silentStretches(audio), CLOSED_APERTURE);
  }

  /** The measure over given silences, with a given closed threshold. */
  public static Result measure(ApertureTrack track, List<Stretch> silences, double closedAperture) {
    int inSilence = 0;
    int closed = 0;
    int noFace = 0;
    for (int i = 0; i < track.size(); i++) {
      double t = track.timesSec()[i];
      if (silences.stream().noneMatch(s -> s.contains(t))) {
        continue;
      }
      double a = track.aperture()[i];
      if (Double.isNaN(a)) {
        noFace++;
      } else {
        inSilence++;
        closed += a <= closedAperture ? 1 : 0;
      }
    }
    return new Result(silences, inSilence, closed, noFace);
  }

  /** The audio's silent stretches of at least {@link #MIN_SILENCE_SEC}, in time order. */
  public static List<Stretch> silentStretches(PcmAudio audio) {
    SpeechEnvelope band = SpeechEnvelope.of(audio, SMOOTHING_SEC);
    int frames = (int) Math.floor(band.durationSec() / FRAME_SEC);
    if (frames == 0) {
      return List.of();
    }
    double[] energyDb = new double[frames];
    for (int k = 0; k < frames; k++) {
      energyDb[k] = band.energyDb((k + 0.5) * FRAME_SEC);
    }
    double[] sorted = energyDb.clone();
    Arrays.sort(sorted);
    double speechDb = sorted[(int) Math.floor(0.95 * (frames - 1))];
    double noiseDb = sorted[(int) Math.floor(0.10 * (frames - 1))];
    // Relative to the speech level; but a noisy recording's pauses sit only ~35 dB below its
    // speech, so never within 10 dB of its noise floor either. Without pauses the 10th percentile
    // is speech itself: that rule never brings the threshold closer than 20 dB to the speech level.
    // Near digital silence is silent whatever the levels.
    double aboveNoiseDb = Math.min(noiseDb + ABOVE_NOISE_DB, speechDb - MIN_BELOW_SPEECH_DB);
    double thresholdDb = Math.max(Math.max(speechDb - BELOW_SPEECH_DB, aboveNoiseDb), SpeechEnvelope.FLOOR_DB + 10);
    int hangover = (int) Math.round(HANGOVER_SEC / FRAME_SEC);
    boolean[] speech = new boolean[frames];
    for (int k = 0; k < frames; k++) {
      if (energyDb[k] > thresholdDb) {
        for (int j = Math.max(0, k - hangover); j <= Math.min(frames - 1, k + hangover); j++) {
          speech[j] = true;
        }
      }
    }
    List<Stretch> stretches = new ArrayList<>();
    int runStart = -1;
    for (int k = 0; k <= frames; k++) {
      boolean silent = k < frames && !speech[k];
      if (silent && runStart < 0) {
        runStart = k;
      } else if (!silent && runStart >= 0) {
        if ((k - runStart) * FRAME_SEC >= MIN_SILENCE_SEC - 1e-9) {
          stretches.add(new Stretch(runStart * FRAME_SEC, k * FRAME_SEC));
        }
        runStart = -1;
      }
    }
    return stretches;
  }
}
