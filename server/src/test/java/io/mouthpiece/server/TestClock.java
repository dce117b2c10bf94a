package io.mouthpiece.server;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server's wall clock that a test moves forward instead of waiting: the system clock plus an
 * offset, so it keeps running between the jumps as the real one does.
 */
public final class TestClock extends Clock {
  private final AtomicLong offsetMs = new AtomicLong();

  /** Moves the clock forward so that it reads {@code at} now. */
  public void advanceTo(Instant at) {
    long byMs = at.toEpochMilli() - millis();
    if (byMs < 0) {
      throw new IllegalArgumentException("the clock only goes forward: it reads " + instant() + ", asked for " + at);
    }
    offsetMs.addAndGet(byMs);
  }

  @Override
  public long millis() {
    return System.currentTimeMillis() + offsetMs.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (!zone.equals(ZoneOffset.UTC)) {
      throw new UnsupportedOperationException("a test clock runs in UTC");
    }
    return this;
  }
}
