package io.mouthpiece.engine.media;

import io.mouthpiece.engine.testing.TestMedia;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding real and synthetic files: lengths, levels, alignment on the timeline, and errors. */
class AudioReaderTest {
  private static final int RATE = 48_000;

  @TempDir
  Path tmp;

  /** A WAV's duration from its own header: data bytes / (block align × rate). */
  private static double wavDurationMs(Path wav) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
    int blockAlign = 0;
    int rate = 0;
    int pos = 12;
    while (pos + 8 <= b.limit()) {
      String id = new String(new byte[] {b.get(pos), b.get(pos + 1), b.get(pos + 2), b.get(pos + 3)});
      long size = b.getInt(pos + 4) & 0xffffffffL;
      if (id.equals("fmt ")) {
        rate = b.getInt(pos + 12);
        blockAlign = b.getShort(pos + 20);
      } else if (id.equals("data")) {
        long dataBytes = Math.min(size, b.limit() - pos - 8);
        return dataBytes / (double) blockAlign / rate * 1000.0;
      }
      pos += 8 + (int) size + (int) (size & 1);
    }
    throw new IllegalStateException("no data chunk in " + wav);
  }

  private static double rms(float[] s) {
    double sum = 0;
    for (float x : s) {
      sum += x * x;
    }
    return Math.sqrt(sum / s.length);
  }

  @Test
  void wavsDecodeTo48kStereoWithTheirOwnDuration() throws Exception {
    // 44.1 kHz and 48 kHz stereo 16-bit, 48 kHz stereo 24-bit
    for (Path wav : new Path[] {TestMedia.audio("retalking_1.wav"), TestMedia.audio("retalking_2.wav"), TestMedia.wav24bit()}) {
      String name = wav.getFileName().toString();
      double fileMs = wavDurationMs(wav);
      PcmAudio pcm = AudioReader.decode(wav, RATE, 2, 61_000);
      assertEquals(RATE, pcm.sampleRate());
      assertEquals(2, pcm.channels());
      double decodedMs = pcm.frames() * 1000.0 / RATE;
      assertEquals(fileMs, decodedMs, 1.0, name + ": decoded length");
      assertEquals(fileMs, AudioReader.probe(wav).durationUs() / 1000.0, 1.0, name + ": header length");
      assertTrue(rms(pcm.samples()) > 0.01, name + " decoded to near silence: " + rms(pcm.samples()));
    }
  }

  @Test
  void decodeStartKeepsExactlyTheFirstPieceAndTheWholeOfAShorterFile() throws Exception {
    Path wav = TestMedia.audio("musetalk_eng.flac"); // about 60 s
    PcmAudio whole = AudioReader.decode(wav, 16_000, 1, 61_000);
    PcmAudio start = AudioReader.decodeStart(wav, 16_000, 1, 2_500);
    assertEquals(40_000, start.frames(), "2.5 s at 16 kHz");
    assertArrayEquals(java.util.Arrays.copyOf(whole.samples(), 40_000), start.samples(), "the same samples as the whole decode");
    PcmAudio all = AudioReader.decodeStart(wav, 16_000, 1, 600_000);
    assertEquals(whole.frames(), all.frames(), "a longer bound keeps the whole file, without refusing it");
    assertThrows(MediaException.class, () -> AudioReader.decode(wav, 16_000, 1, 2_500), "decode still refuses a longer file");
  }

  @Test
  void monoIsCopiedAtFullLevelAndStereoFoldsToTheAverage() throws Exception {
    Path mono = TestMedia.audio("musetalk_eng.flac"); // 16 kHz mono
    PcmAudio asIs = AudioReader.decode(mono, 16_000, 1, 61_000);
    PcmAudio doubled = AudioReader.decode(mono, 16_000, 2, 61_000);
    assertEquals(asIs.frames(), doubled.frames());
    for (int i = 0; i < asIs.frames(); i++) {
      assertEquals(asIs.samples()[i], doubled.samples()[2 * i], 1e-7, "left, frame " + i);
      assertEquals(asIs.samples()[i], doubled.samples()[2 * i + 1], 1e-7, "right, frame " + i);
    }
    Path stereo = TestMedia.audio("retalking_1.wav"); // 44.1 kHz stereo
    PcmAudio both = AudioReader.decode(stereo, 44_100, 2, 61_000);
    PcmAudio folded = AudioReader.decode(stereo, 44_100, 1, 61_000);
    assertEquals(both.frames(), folded.frames());
    for (int i = 0; i < folded.frames(); i++) {
      double average = (both.samples()[2 * i] + both.samples()[2 * i + 1]) / 2;
      assertEquals(average, folded.samples()[i], 1e-6, "frame " + i);
    }
  }

  @Test
  void resamplingKeepsTheWaveInPlaceAndTheLengthWhole() throws Exception {
    int sourceRate = 44_100;
    double hz = 1_000;
    double amplitude = 0.5;
    int sourceFrames = 3 * sourceRate + 123;
    Path wav = tmp.resolve("tone.wav");
    SyntheticAudio.writeWav(wav, SyntheticAudio.sine(hz, amplitude, sourceFrames, sourceRate, 1));

    PcmAudio pcm = AudioReader.decode(wav, RATE, 1, 10_000);

    long expectedFrames = Math.round(sourceFrames * (double) RATE / sourceRate);
    assertEquals(expectedFrames, pcm.frames(), 1, "frames after resampling");
    // Away from the edges, where the filter has no input on one side, the wave is where it was:
    // a one-sample shift at 48 kHz would be an error of about 0.065 here.
    double worst = 0;
    for (int i = RATE / 10; i < pcm.frames() - RATE / 10; i++) {
      double expected = amplitude * Math.sin(2 * Math.PI * hz * i / RATE);
      worst = Math.max(worst, Math.abs(pcm.samples()[i] - expected));
    }
    assertTrue(worst < 0.005, "largest error " + worst);
  }

  @Test
  void streamingTheSoundOfAnMp4EqualsDecodingItWhole() throws Exception {
    Path mp4 = TestMedia.video("retalking_face2.mp4");
    PcmAudio whole = AudioReader.decode(mp4, RATE, 2, 61_000);
    PcmAudio streamed;
    try (AudioStream stream = AudioReader.open(mp4, RATE, 2)) {
      assertEquals(RATE, stream.sampleRate());
      assertEquals(2, stream.channels());
      streamed = SyntheticAudio.readAll(stream, 1000);
    }
    assertArrayEquals(whole.samples(), streamed.samples());
    AudioInfo info = AudioReader.probe(mp4);
    assertEquals(info.durationUs() / 1000.0, whole.frames() * 1000.0 / RATE, 1.0);
    assertEquals("aac", info.codec());
    assertTrue(rms(whole.samples()) > 0.01, "the mp4's sound decoded to near silence");
  }

  @Test
  void audioStartingLateIsPrecededBySilenceOnTheContainersTimeline() throws Exception {
    short[] pcm = new short[RATE];
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = (short) (1 + i % 1000); // never 0, so silence and sound cannot be mistaken
    }
    Path late = tmp.resolve("late.nut");
    NutWriter.write(late, pcm, RATE, 300_000, 0, 50);
    PcmAudio out = AudioReader.decode(late, RATE, 1, 10_000);
    int lead = Math.round(0.3f * RATE);
    assertEquals(lead + pcm.length, out.frames());
    for (int i = 0; i < lead; i++) {
      assertEquals(0f, out.samples()[i], "frame " + i + " is before the audio starts");
    }
    for (int i = 0; i < pcm.length; i++) {
      assertEquals(pcm[i] / 32768f, out.samples()[lead + i], "frame " + (lead + i));
    }

    // Both streams one second into the file: the container starts there too, so no silence.
    Path shifted = tmp.resolve("shifted.nut");
    NutWriter.write(shifted, pcm, RATE, 1_000_000, 1_000_000, 50);
    PcmAudio same = AudioReader.decode(shifted, RATE, 1, 10_000);
    assertEquals(pcm.length, same.frames());
    assertEquals(pcm[0] / 32768f, same.samples()[0]);
  }

  @Test
  void decodingStopsAtTheLengthBound() throws Exception {
    Path wav = TestMedia.audio("musetalk_eng.flac"); // 60 s
    MediaException e = assertThrows(MediaException.class, () -> AudioReader.decode(wav, RATE, 2, 10_000));
    assertTrue(e.getMessage().contains("musetalk_eng.flac") && e.getMessage().contains("10000 ms"), e.getMessage());
  }

  @Test
  void anEmptyFileIsNamed() throws Exception {
    Path empty = Files.createFile(tmp.resolve("empty.wav"));
    MediaException e = assertThrows(MediaException.class, () -> AudioReader.open(empty, RATE, 2));
    assertEquals("the file is empty: empty.wav", e.getMessage());
  }

  @Test
  void aTextFileIsNotAudio() throws Exception {
    Path text = Files.writeString(tmp.resolve("notes.mp3"), "this is not audio, only words\n".repeat(50));
    MediaException e = assertThrows(MediaException.class, () -> AudioReader.decode(text, RATE, 2, 60_000));
    assertTrue(e.getMessage().startsWith("not a decodable audio file: notes.mp3"), e.getMessage());
  }

  @Test
  void aTruncatedMp4IsNotAudio() throws Exception {
    byte[] mp4 = Files.readAllBytes(TestMedia.video("retalking_face2.mp4"));
    Path cut = Files.write(tmp.resolve("cut.mp4"), java.util.Arrays.copyOf(mp4, mp4.length / 2));
    MediaException e = assertThrows(MediaException.class, () -> AudioReader.probe(cut));
    assertTrue(e.getMessage().startsWith("not a decodable audio file: cut.mp4"), e.getMessage());
  }

  @Test
  void aVideoWithoutSoundSaysSo() {
    Path silent = TestMedia.video("musetalk_sun.mp4");
    MediaException e = assertThrows(MediaException.class, () -> AudioReader.open(silent, RATE, 2));
    assertEquals("no audio stream in musetalk_sun.mp4", e.getMessage());
  }

  @Test
  void aMissingFileIsNamed() {
    MediaException e = assertThrows(MediaException.class, () -> AudioReader.probe(tmp.resolve("gone.wav")));
    assertTrue(e.getMessage().startsWith("no such file: ") && e.getMessage().endsWith("gone.wav"), e.getMessage());
  }
}
