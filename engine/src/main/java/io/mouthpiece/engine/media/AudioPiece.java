package io.mouthpiece.engine.media;

/**
 * A stretch of new audio placed on the video's timeline: {@code [startMs, endMs)} of {@code audio},
 * starting at {@code insertMs} of the video, scaled by {@code gain}. Only what mixing needs is
 * checked here; a request's timing rules live in {@code io.mouthpiece.engine.rules.TimingRules}.
 * A piece reaching past its audio's end is silent there.
 */
public record AudioPiece(PcmAudio audio, long startMs, long endMs, long insertMs, double gain) {
  public AudioPiece {
    if (audio == null) {
      throw new IllegalArgumentException("a piece needs its audio");
    }
    if (startMs < 0 || endMs < startMs || insertMs < 0 || !(gain >= 0) || Double.isInfinite(gain)) {
      throw new IllegalArgumentException("bad piece: " + startMs + ".." + endMs + " ms at " + insertMs
          + " ms, gain " + gain);
    }
  }
}
