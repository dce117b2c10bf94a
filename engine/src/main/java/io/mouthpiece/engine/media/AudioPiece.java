package io.mouthpiece.engine.media;

/**
 * A stretch of new audio placed on the video's timeline: {@code [startMs, endMs)} of {@code audio},
 * starting at {@code insertMs} of the video, scaled by {@code gain}, its last {@code fadeOutMs}
 * ramping down to silence (a piece cut short, so the cut makes no click). Only what mixing needs is
 * checked here; a request's timing rules live in {@code io.mouthpiece.engine.rules.TimingRules}.
 * A piece reaching past its audio's end is silent there.
 */
public record AudioPiece(PcmAudio audio, long startMs, long endMs, long insertMs, double gain, long fadeOutMs) {
  /** A piece played to its end at full gain. */
  public AudioPiece(PcmAudio audio, long startMs, long endMs, long insertMs, double gain) {
    this(audio, startMs, endMs, insertMs, gain, 0);
  }

  public AudioPiece {
    if (fadeOutMs < 0 || fadeOutMs > endMs - startMs) {
      throw new IllegalArgumentException("bad fade-out: " + fadeOutMs + " ms of a piece of " + (endMs - startMs) + " ms");
    }
    if (audio == null) {
      throw new IllegalArgumentException("a piece needs its audio");
    }
    if (startMs < 0 || endMs < startMs || insertMs < 0 || !(gain >= 0) || Double.isInfinite(gain)) {
      throw new IllegalArgumentException("bad piece: " + startMs + ".." + endMs + " ms at " + insertMs
          + " ms, gain " + gain);
    }
  }
}
