package io.mouthpiece.engine.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.media.PcmAudio;
import org.junit.jupiter.api.Test;

/** Features are indexed by time: the same audio at 16, 44.1 and 48 kHz gives the same frames. */
class AudioFeaturesTest {
  private static final double[][] SILENCES = {{1.0, 1.4}, {2.5, 2.7}};

  @Test
  void framesEveryTenMillisecondsOverTheWholeAudio() {
    AudioFeatures f = AudioFeatures.of(new PcmAudio(SyntheticSpeech.mono(16_000, 3.0, SILENCES), 16_000, 1));
    assertEquals(301, f.frameCount());
    assertEquals(3.0, f.durationSec(), 1e-9);
    assertEquals(AudioFeatures.COUNT, f.at(1.0).length);
    assertEquals(f.frameAt(2.995), f.frameAt(99), "times past the end read the last frame");
  }

  @Test
  void sameFeaturesAtAnySampleRateAndChannelCount() {
    // A clean voice: noise would differ sample by sample between the rates.
    AudioFeatures at16 = AudioFeatures.of(new PcmAudio(SyntheticSpeech.mono(16_000, 3.0, SILENCES, 0), 16_000, 1));
    for (int rate : new int[] {44_100, 48_000}) {
      AudioFeatures other = AudioFeatures.of(SyntheticSpeech.stereo(rate, 3.0, SILENCES, 0));
      double worstDb = 0;
      for (double t = 0.1; t < 2.9; t += 0.01) {
        worstDb = Math.max(worstDb, Math.abs(at16.feature(t, AudioFeatures.SPEECH_DB) - other.feature(t, AudioFeatures.SPEECH_DB)));
        // Loud frames: the bands that carry the voice agree to a fraction of a unit of log power.
        if (at16.feature(t, AudioFeatures.SPEECH_DB) > -30) {
          double diff = 0;
          for (int b = 0; b < AudioFeatures.MEL_BANDS; b++) {
            diff += Math.abs(at16.at(t)[b] - other.at(t)[b]);
          }
          diff /= AudioFeatures.MEL_BANDS;
          assertTrue(diff < 0.25, rate + " Hz at " + t + " s: mean log-mel difference " + diff);
        }
      }
      assertTrue(worstDb < 1.5, rate + " Hz: speech-band level differs by up to " + worstDb + " dB");
      // The silences start and end at the same times (a misaligned timeline would shift them).
      assertTrue(at16.feature(1.02, AudioFeatures.SPEECH_DB) < -80 && other.feature(1.02, AudioFeatures.SPEECH_DB) < -80);
      assertTrue(at16.feature(0.97, AudioFeatures.SPEECH_DB) > -40 && other.feature(0.97, AudioFeatures.SPEECH_DB) > -40);
      assertTrue(at16.feature(1.42, AudioFeatures.SPEECH_DB) > -40 && other.feature(1.42, AudioFeatures.SPEECH_DB) > -40);
    }
  }

  @Test
  void contextLooksAroundTheTimeStandardised() {
    AudioFeatures f = AudioFeatures.of(new PcmAudio(SyntheticSpeech.mono(16_000, 3.0, SILENCES), 16_000, 1));
    int[] offsets = {-200, 0, 200};
    double[] c = f.melContext(1.2, offsets);
    assertEquals(3 * AudioFeatures.MEL_BANDS, c.length);
    // 1.2 s is in a silence: far below this audio's mean in every band; 1.2 + 0.2 s speaks again... just.
    for (int b = 0; b < AudioFeatures.MEL_BANDS; b++) {
      assertTrue(c[AudioFeatures.MEL_BANDS + b] < -1, "band " + b + " in the silence: " + c[AudioFeatures.MEL_BANDS + b]);
      assertTrue(c[b] > 0 || c[b] > c[AudioFeatures.MEL_BANDS + b], "band " + b + " 200 ms earlier speaks");
    }
  }
}
