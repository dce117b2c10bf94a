package io.mouthpiece.engine.media;

/** An exact ratio such as a frame rate of 30000/1001. */
public record Rational(long num, long den) {
  public Rational {
    if (den <= 0) {
      throw new IllegalArgumentException("denominator must be positive: " + num + "/" + den);
    }
  }

  public double toDouble() {
    return (double) num / den;
  }

  @Override
  public String toString() {
    return den == 1 ? Long.toString(num) : num + "/" + den;
  }
}
