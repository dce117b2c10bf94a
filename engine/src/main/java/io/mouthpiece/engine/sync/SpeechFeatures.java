package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.media.TimingRules;
import io.mouthpiece.engine.motion.AudioFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The motion model's input for each dub: the audio features of its piece of speech, started on a
 * thread of their own while the analysis pass runs (resampling a minute of speech for them takes
 * seconds of one core, which planning would otherwise spend while the other core waits). A piece
 * that runs to its audio's end is guessed to stop where the video's header says the video ends;
 * when the analysis finds another end, that piece is computed again when asked for. Either way
 * the features are those of exactly the piece the mix plays, decoded as the mix decodes it.
 */
final class SpeechFeatures implements AutoCloseable {
  /** A piece's end as guessed and its features. */
  private record Guess(long endMs, AudioFeatures features) {}

  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "speech-features");
    t.setDaemon(true);
    return t;
  });
  private final List<Future<Guess>> guesses = new ArrayList<>();
  private final int mixRate;

  private SpeechFeatures(int mixRate) {
    this.mixRate = mixRate;
  }

  /** Starts on every dub in order; {@code mixRate} is the rate the mix decodes speech at. */
  static SpeechFeatures start(List<FaceDub> dubs, long videoMsGuess, int mixRate) {
    SpeechFeatures s = new SpeechFeatures(mixRate);
    for (FaceDub dub : dubs) {
      s.guesses.add(s.thread.submit(() -> {
        PcmAudio audio = s.decode(dub);
        long endMs = dub.endMs() == FaceDub.TO_AUDIO_END ? SyncJob.openEndMs(dub, audio, videoMsGuess) : dub.endMs();
        return new Guess(endMs, AudioFeatures.of(audio.slice(dub.startMs(), endMs)));
      }));
    }
    return s;
  }

  /** The features of dub {@code i}'s piece, as resolved against the analysed video. */
  AudioFeatures of(int i, FaceDub resolved) throws MediaException {
    Guess guess = null;
    try {
      guess = guesses.get(i).get();
    } catch (ExecutionException e) {
      // Computed again below, where a failure is reported as it comes.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MediaException("interrupted while reading the speech", e);
    }
    if (guess != null && guess.endMs() == resolved.endMs()) {
      return guess.features();
    }
    return AudioFeatures.of(decode(resolved).slice(resolved.startMs(), resolved.endMs()));
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
