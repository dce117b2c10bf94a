package io.mouthpiece.engine.speaker;

/** A stretch of the video in which one face speaks, in ms from the video's start. */
public record SpeakingRange(long startMs, long endMs) {
  public long durationMs() {
    return endMs - startMs;
  }
}
