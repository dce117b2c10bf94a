package io.mouthpiece.engine.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.media.PcmAudio;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Voice activity finds the silences inserted into speech-like audio, at any level. */
class VoiceActivityTest {
  private static final double[][] SILENCES = {{0.8, 1.1}, {2.0, 2.6}, {3.3, 3.4}};

  @Test
  void findsInsertedSilences() {
    for (float gain : new float[] {1f, 0.05f}) {
      float[] x = SyntheticSpeech.mono(48_000, 4.0, SILENCES);
      for (int i = 0; i < x.length; i++) {
        x[i] *= gain;
      }
      VoiceActivity voice = VoiceActivity.of(AudioFeatures.of(new PcmAudio(x, 48_000, 1)));
      List<double[]> found = voice.silences(0.15);
      assertEquals(2, found.size(), "gain " + gain + ": the 100 ms gap is too short to count");
      for (int i = 0; i < 2; i++) {
        // The hangover (50 ms) and the 25 ms window eat a little of each side.
        assertEquals(SILENCES[i][0] + 0.06, found.get(i)[0], 0.04, "start of silence " + i);
        assertEquals(SILENCES[i][1] - 0.06, found.get(i)[1], 0.04, "end of silence " + i);
      }
      assertTrue(voice.isSpeech(0.5));
      assertFalse(voice.isSpeech(2.3));
      assertEquals(4.0 - 0.3 - 0.6 - 0.1, voice.speechSec(), 0.4);
    }
  }

  @Test
  void digitalSilenceIsAllSilence() {
    VoiceActivity voice = VoiceActivity.of(AudioFeatures.of(new PcmAudio(new float[32_000], 16_000, 1)));
    assertEquals(0, voice.speechSec(), 1e-9);
    List<double[]> s = voice.silences(0.15);
    assertEquals(1, s.size());
    assertEquals(0, s.get(0)[0], 1e-9);
    assertEquals(2.0, s.get(0)[1], 0.02);
  }
}
