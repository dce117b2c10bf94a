package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.Background;
import io.mouthpiece.engine.DaemonThreads;
import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.media.VideoInfo;
import io.mouthpiece.engine.motion.AudioFeatures;
import io.mouthpiece.engine.rules.TimingRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Each dub's speech, decoded once for the mix, and the motion model's input: the audio features
 * of its piece; and the features of the source video's own sound (its first {@link
 * SourceFace#MAX_TRAINING_US}), which the speaker model learns from. All are started on a thread of
 * their own while the analysis pass runs (decoding and the features of a minute of speech take
 * about half a second of one core, which planning would otherwise spend while the other core
 * waits). A piece that runs to its audio's end is
 * guessed to stop where the video's header says the video ends; when the analysis finds another
 * end, that piece's features are computed again when asked for. Either way they are the
 * features of exactly the piece the mix plays.
 */
final class DubSpeech implements AutoCloseable {
  /** A dub's whole audio as the mix decodes it, its piece's end as guessed, and that piece's features. */
  private record Guess(PcmAudio audio, long endMs, AudioFeatures features) {}

  private final ExecutorService thread = Executors.newSingleThreadExecutor(DaemonThreads.named("dub-speech"));
  private final List<Piece> pieces = new ArrayList<>();
  private final CompletableFuture<AudioFeatures> sourceSound = new CompletableFuture<>();
  private final int mixRate;
  private final Path video;
  private final boolean videoHasSound;

  private DubSpeech(int mixRate, Path video, boolean videoHasSound) {
    this.mixRate = mixRate;
    this.video = video;
    this.videoHasSound = videoHasSound;
  }

  /**
   * One dub as the request gave it, with its speech being read: the whole audio for the mix, and
   * the features of its piece once the piece's end is known.
   */
  final class Piece {
    private final int index;
    private final FaceDub asked;
    private final Future<Guess> guess;

    private Piece(int index, FaceDub asked, Future<Guess> guess) {
      this.index = index;
      this.asked = asked;
      this.guess = guess;
    }

    /** The dub's place in the request. */
    int index() {
      return index;
    }

    /** The dub as the request gave it. */
    FaceDub asked() {
      return asked;
    }

    /** The dub's whole audio at the mix's rate, in stereo; a file that fails fails here. */
    PcmAudio audio() throws MediaException {
      return Background.await(guess, "the speech").audio();
    }

    /** The features of the piece as resolved against the analysed video. */
    AudioFeatures features(FaceDub resolved) throws MediaException {
      Guess g = Background.await(guess, "the speech");
      if (g.endMs() == resolved.endMs()) {
        return g.features();
      }
      return AudioFeatures.of(g.audio().slice(resolved.startMs(), resolved.endMs()));
    }
  }

  /**
   * Starts on every dub in order, then on the source's sound; {@code mixRate} is the rate the mix
   * decodes speech at, {@code header} what the video's header says (its length is the guess for
   * open-ended pieces).
   */
  static DubSpeech start(List<FaceDub> dubs, Path video, VideoInfo header, int mixRate) {
    DubSpeech s = startSpeech(dubs, video, header, mixRate);
    s.computeSourceSound();
    return s;
  }

  /**
   * The same but for the source's sound, which the caller then either gives ({@link
   * #sourceSoundKnown}) or has computed ({@link #computeSourceSound}): the speech is decoded while
   * the caller looks for the source's features in an analysis cache.
   */
  static DubSpeech startSpeech(List<FaceDub> dubs, Path video, VideoInfo header, int mixRate) {
    DubSpeech s = new DubSpeech(mixRate, video, header.hasAudio());
    long videoMsGuess = header.durationUs() / 1000;
    for (FaceDub dub : dubs) {
      Future<Guess> guess = s.thread.submit(() -> {
        PcmAudio audio = s.decode(dub);
        long endMs = dub.endMs() == FaceDub.TO_AUDIO_END
            ? TimingRules.openEndMs(dub.startMs(), dub.insertMs(), audio.durationMs(), videoMsGuess, dub.mode())
            : dub.endMs();
        return new Guess(audio, endMs, AudioFeatures.of(audio.slice(dub.startMs(), endMs)));
      });
      s.pieces.add(s.new Piece(s.pieces.size(), dub, guess));
    }
    return s;
  }

  /** The source's sound features, known already (an analysis cache's entry held them; null: no sound). */
  void sourceSoundKnown(AudioFeatures features) {
    sourceSound.complete(features);
  }

  /** Computes the source's sound features on the speech's thread, after the dubs' speech. */
  void computeSourceSound() {
    thread.execute(() -> {
      try {
        sourceSound.complete(sourceFeatures());
      } catch (Throwable t) {
        sourceSound.completeExceptionally(t);
      }
    });
  }

  /** Every dub's speech, in the request's order. */
  List<Piece> pieces() {
    return List.copyOf(pieces);
  }

  /** The features of the source video's own sound; null for a video without sound. */
  AudioFeatures sourceSound() throws MediaException {
    return Background.await(sourceSound, "the video's sound");
  }

  private AudioFeatures sourceFeatures() throws MediaException {
    return videoHasSound
        ? AudioFeatures.of(AudioReader.decodeStart(video, AudioFeatures.SAMPLE_RATE, 1,
            SourceFace.MAX_TRAINING_US / 1000 + 1000))
        : null;
  }

  private PcmAudio decode(FaceDub dub) throws MediaException {
    return AudioReader.decode(dub.audio(), mixRate, 2, TimingRules.MAX_AUDIO_MS + 1_000);
  }

  /** Stops what has not started; a piece being computed runs on, on its daemon thread. */
  @Override
  public void close() {
    thread.shutdownNow();
  }
}
