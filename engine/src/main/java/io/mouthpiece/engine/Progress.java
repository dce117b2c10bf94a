package io.mouthpiece.engine;

/** Receives how far a long job has got, as a fraction from 0 to 1. */
@FunctionalInterface
public interface Progress {
  Progress NONE = fraction -> {};

  void update(double fraction);
}
