package io.mouthpiece.engine.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.media.VideoInfo;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.motion.AudioFeatures;
import io.mouthpiece.engine.rules.TimingRules;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The speech features started early (on their own thread, open ends guessed from the header)
 * against the obvious way (decode, slice the resolved piece, compute): the same features, whether
 * the end was given, guessed right, or guessed wrong and computed again; and the same audio for
 * the mix as a decode of its own.
 */
class DubSpeechTest {
  /** Looked up when a test runs, not when the class loads: a missing file fails that test alone. */
  private static Path speech() {
    return TestMedia.audio("retalking_1.wav");
  }
  private static final int MIX_RATE = 48_000;
  /** Looked up when a test runs, not when the class loads: a missing file fails that test alone. */
  private static Path sourceVideo() {
    return TestMedia.video("retalking_face1.mp4");
  }

  @Test
  void featuresAndAudioAreThoseOfTheResolvedPiece() throws Exception {
    PcmAudio whole = AudioReader.decode(speech(), MIX_RATE, 2, TimingRules.MAX_AUDIO_MS + 1_000);
    FaceDub given = new FaceDub("0", speech(), 300, 2300, 0, 1.0);
    FaceDub open = new FaceDub("1", speech(), 500, FaceDub.TO_AUDIO_END, 1000, 1.0);
    long videoMsGuess = 3000;
    try (DubSpeech speech = DubSpeech.start(List.of(given, open, open), sourceVideo(), headerSaying(sourceVideo(), videoMsGuess), MIX_RATE)) {
      List<DubSpeech.Piece> pieces = speech.pieces();
      assertEquals(List.of(0, 1, 2), pieces.stream().map(DubSpeech.Piece::index).toList());
      assertSame(open, pieces.get(2).asked());
      assertSameFeatures(whole, given, pieces.get(0).features(given));
      // Resolved as the analysis would with the header's length: the early features serve.
      FaceDub guessedRight = open.resolved("1", openEndMs(open, whole, videoMsGuess));
      assertEquals(2500, guessedRight.endMs());
      AudioFeatures early = pieces.get(1).features(guessedRight);
      assertSameFeatures(whole, guessedRight, early);
      assertSame(early, pieces.get(1).features(guessedRight), "the early features are used, not computed again");
      // The analysis found a shorter video than the header said: the piece is computed again.
      FaceDub guessedWrong = open.resolved("1", openEndMs(open, whole, 2500));
      assertEquals(2000, guessedWrong.endMs());
      assertSameFeatures(whole, guessedWrong, pieces.get(2).features(guessedWrong));
      assertArrayEquals(whole.samples(), pieces.get(0).audio().samples());
    }
  }

  @Test
  void theSourceSoundIsTheFeaturesOfTheVideosFirstMinute() throws Exception {
    PcmAudio own = AudioReader.decodeStart(sourceVideo(), AudioFeatures.SAMPLE_RATE, 1, SourceFace.MAX_TRAINING_US / 1000 + 1000);
    try (DubSpeech speech = DubSpeech.start(List.of(), sourceVideo(), headerSaying(sourceVideo(), 3000), MIX_RATE)) {
      AudioFeatures got = speech.sourceSound();
      AudioFeatures expected = AudioFeatures.of(own);
      assertEquals(expected.frameCount(), got.frameCount());
      for (int f = 0; f < expected.frameCount(); f += 7) {
        assertArrayEquals(expected.at(AudioFeatures.timeOf(f)), got.at(AudioFeatures.timeOf(f)));
      }
    }
  }

  @Test
  void aVideoWithoutSoundHasNoSourceSound() throws Exception {
    Path silent = TestMedia.video("musetalk_sun.mp4");
    try (DubSpeech speech = DubSpeech.start(List.of(), silent, headerSaying(silent, 3000), MIX_RATE)) {
      assertNull(speech.sourceSound());
    }
  }

  @Test
  void aFileThatIsNotAudioFailsWithTheDecodersOwnException() throws Exception {
    Path text = TestMedia.textFile();
    MediaException direct = assertThrows(MediaException.class,
        () -> AudioReader.decode(text, MIX_RATE, 2, TimingRules.MAX_AUDIO_MS + 1_000));
    FaceDub dub = new FaceDub("0", text, 0, 3000, 0, 1.0);
    try (DubSpeech speech = DubSpeech.start(List.of(dub), sourceVideo(), headerSaying(sourceVideo(), 3000), MIX_RATE)) {
      DubSpeech.Piece piece = speech.pieces().get(0);
      for (Executable read : List.<Executable>of(piece::audio, () -> piece.features(dub))) {
        MediaException got = assertThrows(MediaException.class, read);
        assertEquals(direct.getClass(), got.getClass());
        assertEquals(direct.getMessage(), got.getMessage(), "the message a user can act on");
      }
    }
  }

  private static long openEndMs(FaceDub dub, PcmAudio audio, long videoMs) {
    return TimingRules.openEndMs(dub.startMs(), dub.insertMs(), audio.durationMs(), videoMs);
  }

  /** The video's header, but for the length it states (the guess open-ended pieces start from). */
  private static VideoInfo headerSaying(Path video, long durationMs) throws Exception {
    try (VideoReader reader = VideoReader.open(video)) {
      VideoInfo h = reader.info();
      return new VideoInfo(h.container(), h.videoCodec(), h.width(), h.height(), h.frameRate(), durationMs * 1000,
          h.frameCountHint(), h.hasAudio(), h.audioSampleRate(), h.audioChannels());
    }
  }

  private static void assertSameFeatures(PcmAudio whole, FaceDub dub, AudioFeatures got) {
    AudioFeatures expected = AudioFeatures.of(whole.slice(dub.startMs(), dub.endMs()));
    assertEquals(expected.frameCount(), got.frameCount(), "frames of the piece " + dub.startMs() + "-" + dub.endMs());
    for (int f = 0; f < expected.frameCount(); f++) {
      double t = AudioFeatures.timeOf(f);
      assertArrayEquals(expected.at(t), got.at(t), "features at " + t + " s");
    }
  }
}
