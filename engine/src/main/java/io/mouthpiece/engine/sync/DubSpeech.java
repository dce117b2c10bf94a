package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.media.VideoInfo;
import io.mouthpiece.engine.motion.AudioFeatures;
import io.mouthpiece.engine.rules.TimingRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Each dub's speech, decoded once for the mix, and the motion model's input: the audio features
 * of its piece; and the features of the source video's own sound (its first {@code
 * SyncJob.MAX_TRAINING_US}), which the speaker model learns from. All are started on a thread of
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

  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "dub-speech");
    t.setDaemon(true);
    return t;
  });
  private final List<Future<Guess>> guesses = new ArrayList<>();
  private Future<AudioFeatures> sourceSound;
  private final int mixRate;
  private final Path video;
  private final boolean videoHasSound;

  private DubSpeech(int mixRate, Path video, boolean videoHasSound) {
    this.mixRate = mixRate;
    this.video = video;
    this.videoHasSound = videoHasSound;
  }

  /**
   * Starts on every dub in order, then on the source's sound; {@code mixRate} is the rate the mix
   * decodes speech at, {@code header} what the video's header says (its length is the guess for
   * open-ended pieces).
   */
  static DubSpeech start(List<FaceDub> dubs, Path video, VideoInfo header, int mixRate) {
    DubSpeech s = new DubSpeech(mixRate, video, header.hasAudio());
    long videoMsGuess = header.durationUs() / 1000;
    for (FaceDub dub : dubs) {
      s.guesses.add(s.thread.submit(() -> {
        PcmAudio audio = s.decode(dub);
        long endMs = dub.endMs() == FaceDub.TO_AUDIO_END
            ? TimingRules.openEndMs(dub.startMs(), dub.insertMs(), audio.durationMs(), videoMsGuess) : dub.endMs();
        return new Guess(audio, endMs, AudioFeatures.of(audio.slice(dub.startMs(), endMs)));
      }));
    }
    s.sourceSound = s.thread.submit(s::sourceFeatures);
    return s;
  }

  /** The features of the source video's own sound; null for a video without sound. */
  AudioFeatures sourceSound() throws MediaException {
    try {
      return sourceSound.get();
    } catch (ExecutionException e) {
      return sourceFeatures();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MediaException("interrupted while reading the video's sound", e);
    }
  }

  private AudioFeatures sourceFeatures() throws MediaException {
    return videoHasSound
        ? AudioFeatures.of(AudioReader.decodeStart(video, SyncJob.MOTION_RATE, 1, SyncJob.MAX_TRAINING_US / 1000 + 1000))
        : null;
  }

  /** Dub {@code i}'s whole audio at the mix's rate, in stereo; a file that fails fails here. */
  PcmAudio audio(int i, FaceDub dub) throws MediaException {
    Guess guess = guess(i);
    return guess != null ? guess.audio() : decode(dub);
  }

  /** The features of dub {@code i}'s piece, as resolved against the analysed video. */
  AudioFeatures of(int i, FaceDub resolved) throws MediaException {
    Guess guess = guess(i);
    if (guess != null && guess.endMs() == resolved.endMs()) {
      return guess.features();
    }
    PcmAudio audio = guess != null ? guess.audio() : decode(resolved);
    return AudioFeatures.of(audio.slice(resolved.startMs(), resolved.endMs()));
  }

  /** The background's result for dub {@code i}, or null when it failed (the caller decodes again and fails itself). */
  private Guess guess(int i) throws MediaException {
    try {
      return guesses.get(i).get();
    } catch (ExecutionException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MediaException("interrupted while reading the speech", e);
    }
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
