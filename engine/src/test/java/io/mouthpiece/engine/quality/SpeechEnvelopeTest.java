package io.mouthpiece.engine.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.media.PcmAudio;
import org.junit.jupiter.api.Test;

class SpeechEnvelopeTest {
  private static final int RATE = 44_100;

  /** A stereo tone, the same in both channels. */
  private static PcmAudio tone(double hz, double amplitude, double seconds) {
    float[] s = new float[(int) (seconds * RATE) * 2];
    for (int i = 0; i < s.length / 2; i++) {
      float x = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
      s[2 * i] = x;
      s[2 * i + 1] = x;
    }
    return new PcmAudio(s, RATE, 2);
  }

  private static double levelAtOneSecond(double hz) {
    return SpeechEnvelope.of(tone(hz, 0.5, 2)).energyDb(1.0);
  }

  @Test
  void speechBandToneKeepsItsEnergy() {
    // A sine of amplitude 0.5 has mean square 0.125: -9.03 dB; the band-pass leaves 1 kHz alone.
    assertEquals(10 * Math.log10(0.125), levelAtOneSecond(1000), 0.5);
  }

  @Test
  void humAndHissAreFarBelowTheSpeechBand() {
    double speech = levelAtOneSecond(1000);
    double hum = levelAtOneSecond(50);
    double hiss = levelAtOneSecond(6000);
    System.out.printf("speech envelope of 0.5-amplitude tones: 1 kHz %.1f dB, 50 Hz %.1f dB, 6 kHz %.1f dB%n", speech, hum, hiss);
    assertTrue(speech - hum > 40, "50 Hz only " + (speech - hum) + " dB below 1 kHz");
    assertTrue(speech - hiss > 30, "6 kHz only " + (speech - hiss) + " dB below 1 kHz");
  }

  @Test
  void silenceAndOutsideTheAudioAreTheFloor() {
    SpeechEnvelope e = SpeechEnvelope.of(tone(1000, 0.5, 1));
    assertEquals(SpeechEnvelope.FLOOR_DB, e.energyDb(-1.0), 1e-9);
    assertEquals(SpeechEnvelope.FLOOR_DB, e.energyDb(5.0), 1e-9);
    SpeechEnvelope zeros = SpeechEnvelope.of(new PcmAudio(new float[16_000], 16_000, 1));
    assertEquals(SpeechEnvelope.FLOOR_DB, zeros.energyDb(0.5), 1e-9);
    // Half the window past the end: half the energy, 3 dB down.
    assertEquals(e.energyDb(0.5) - 3.01, e.energyDb(e.durationSec()), 0.3);
  }

  @Test
  void aBurstIsFoundAtItsOwnTimeWithoutFilterDelay() {
    int rate = 16_000;
    float[] s = new float[rate * 3];
    int start = (int) (1.48 * rate);
    for (int i = start; i < start + (int) (0.04 * rate); i++) {
      s[i] = (float) (0.5 * Math.sin(2 * Math.PI * 800 * i / rate));
    }
    SpeechEnvelope e = SpeechEnvelope.of(new PcmAudio(s, rate, 1));
    double bestSec = 0;
    double best = Double.NEGATIVE_INFINITY;
    for (double t = 1.3; t < 1.7; t += 0.001) {
      if (e.energyDb(t) > best) {
        best = e.energyDb(t);
        bestSec = t;
      }
    }
    assertEquals(1.50, bestSec, 0.003, "the burst's centre is at 1.50 s");
  }

  @Test
  void shiftedReadingIsTheReadingAtTheShiftedTime() {
    SpeechEnvelope e = SpeechEnvelope.of(new SyntheticSpeech(1, 4).audio(4, 16_000, 0));
    double[] t = {0.5, 1.234, 2.0};
    double[] shifted = e.energyDb(t, 0.07);
    for (int i = 0; i < t.length; i++) {
      assertEquals(e.energyDb(t[i] + 0.07), shifted[i], 1e-12);
    }
  }
}
