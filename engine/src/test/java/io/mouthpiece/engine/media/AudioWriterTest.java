package io.mouthpiece.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioWriterTest {
  @TempDir Path temp;

  @Test
  void aWavReadsBackSampleForSample() throws Exception {
    int rate = 16_000;
    float[] tone = new float[rate * 2 * 2];
    for (int i = 0; i < tone.length / 2; i++) {
      tone[2 * i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / rate));
      tone[2 * i + 1] = (float) (0.25 * Math.sin(2 * Math.PI * 660 * i / rate));
    }
    Path wav = temp.resolve("tone.wav");
    AudioWriter.writeWav(new PcmAudio(tone, rate, 2), wav);
    PcmAudio back = AudioReader.decode(wav, rate, 2, 10_000);
    assertEquals(tone.length, back.samples().length, "same length");
    for (int i = 0; i < tone.length; i++) {
      assertEquals(tone[i], back.samples()[i], 1.0 / 16_000, "sample " + i + " (16-bit quantisation)");
    }
  }
}
