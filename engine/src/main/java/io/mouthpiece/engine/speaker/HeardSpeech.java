package io.mouthpiece.engine.speaker;

import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.motion.AudioFeatures;
import io.mouthpiece.engine.motion.GenericModel;
import io.mouthpiece.engine.motion.VoiceActivity;
import io.mouthpiece.engine.mouth.MouthParams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The speech in a video's own sound, as speaker attribution reads it. In: the sound's {@link
 * AudioFeatures}. Out: when there is speech ({@link VoiceActivity}, with pauses shorter than
 * {@link #MIN_PAUSE_SEC} bridged, so a speaker's turn is one stretch), and two {@link SoundCue}s a
 * mouth can follow, each every 10 ms and detrended like eval's (minus its centred {@link
 * #DETREND_SEC} moving average, so what is left is the syllable-rate rise and fall): the speech
 * envelope (speech-band level, 300–3000 Hz, in dB), and the mouth (aperture, width, jaw) the generic
 * motion model predicts from the sound, which knows which sounds open the mouth, spread or round
 * the lips, or drop the jaw.
 */
public final class HeardSpeech {
  /**
   * A silence shorter than this is a gap inside speech, not a pause between turns: the length
   * engine.md's silence measure already calls a silent stretch (≥ 300 ms).
   */
  public static final double MIN_PAUSE_SEC = 0.3;
  /** eval's detrend window (engine.md: "subtract a ~1 s moving average"). */
  static final double DETREND_SEC = 1.0;

  /** Longer than any video identify is given (the service takes a minute); bounds the memory. */
  static final long MAX_SOUND_MS = 4 * 3600_000L;

  private final SoundCue envelope;
  private final SoundCue predictedMouth;
  private final List<double[]> stretches;

  private HeardSpeech(SoundCue envelope, SoundCue predictedMouth, List<double[]> stretches) {
    this.envelope = envelope;
    this.predictedMouth = predictedMouth;
    this.stretches = stretches;
  }

  /**
   * The speech of a video's own sound, decoded at {@link AudioFeatures#SAMPLE_RATE} mono; null when
   * the video has no sound, or sound that cannot be decoded (then nobody can be found speaking, and
   * identify still answers with its faces).
   */
  public static HeardSpeech ofVideo(Path video) {
    try {
      boolean hasSound;
      try (VideoReader reader = VideoReader.open(video)) {
        hasSound = reader.info().hasAudio();
      }
      return hasSound ? of(AudioFeatures.of(AudioReader.decode(video, AudioFeatures.SAMPLE_RATE, 1, MAX_SOUND_MS)))
          : null;
    } catch (MediaException e) {
      return null;
    }
  }

  /** The speech of this sound, its mouth predicted by the shipped generic model. */
  public static HeardSpeech of(AudioFeatures sound) {
    return of(sound, GenericModel.shipped());
  }

  /** The speech of this sound, its mouth predicted by {@code model} (a held-out one, to calibrate). */
  public static HeardSpeech of(AudioFeatures sound, GenericModel model) {
    int n = sound.frameCount();
    double[] times = new double[n];
    double[] level = new double[n];
    boolean[] speech = new boolean[n];
    VoiceActivity voice = VoiceActivity.of(sound);
    for (int k = 0; k < n; k++) {
      times[k] = AudioFeatures.timeOf(k);
      level[k] = sound.feature(times[k], AudioFeatures.SPEECH_DB);
      speech[k] = voice.isSpeech(times[k]);
    }
    double[][] predicted = model.relativeAt(sound, times);
    int half = (int) Math.round(DETREND_SEC / 2 / AudioFeatures.HOP_SEC);
    double[][] mouth = new double[MouthParams.COUNT][];
    int[] params = new int[MouthParams.COUNT];
    for (int p = 0; p < params.length; p++) {
      params[p] = p; // each predicted param against the face's own
      double[] column = new double[n];
      for (int k = 0; k < n; k++) {
        column[k] = predicted[k][p];
      }
      mouth[p] = detrend(column, half);
    }
    return new HeardSpeech(new SoundCue(new int[] {MouthParams.APERTURE}, new double[][] {detrend(level, half)},
        sound.durationSec()), new SoundCue(params, mouth, sound.durationSec()), stretches(speech));
  }

  /** The stretches of speech, {startSec, endSec}, in time order; empty when nobody is heard. */
  public List<double[]> stretches() {
    return stretches;
  }

  /** The detrended speech envelope. */
  public SoundCue envelope() {
    return envelope;
  }

  /** The detrended aperture, width and jaw the generic motion model predicts from the sound. */
  public SoundCue predictedMouth() {
    return predictedMouth;
  }

  /** The cue a config asks for. */
  public SoundCue cue(AttributionConfig.Cue cue) {
    return cue == AttributionConfig.Cue.ENVELOPE ? envelope : predictedMouth;
  }

  /** Each value minus the mean of those within {@code half} frames either side (fewer at the ends). */
  private static double[] detrend(double[] x, int half) {
    double[] prefix = new double[x.length + 1];
    for (int i = 0; i < x.length; i++) {
      prefix[i + 1] = prefix[i] + x[i];
    }
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      int lo = Math.max(0, i - half);
      int hi = Math.min(x.length, i + half + 1);
      out[i] = x[i] - (prefix[hi] - prefix[lo]) / (hi - lo);
    }
    return out;
  }

  /** Runs of speech frames, joined across gaps shorter than {@link #MIN_PAUSE_SEC}. */
  private static List<double[]> stretches(boolean[] speech) {
    double hop = AudioFeatures.HOP_SEC;
    List<double[]> out = new ArrayList<>();
    int k = 0;
    while (k < speech.length) {
      if (!speech[k]) {
        k++;
        continue;
      }
      int end = k;
      while (end < speech.length && speech[end]) {
        end++;
      }
      // A frame stands for the 10 ms around its centre.
      double startSec = Math.max(0, (k - 0.5) * hop);
      double endSec = (end - 0.5) * hop;
      double[] last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && startSec - last[1] < MIN_PAUSE_SEC) {
        last[1] = endSec;
      } else {
        out.add(new double[] {startSec, endSec});
      }
      k = end;
    }
    return out;
  }
}
