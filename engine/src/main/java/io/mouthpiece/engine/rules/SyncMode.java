package io.mouthpiece.engine.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a dub does when its piece, placed on the video, runs past the video's end (our extension of
 * Kling's request, {@code sync_mode}). A piece that fits plays the same in every mode. The three
 * that extend the video change the whole output's timeline, which is one for all dubs: a request
 * uses at most one of them ({@link TimingRules#checkModes}); the video is extended once, to the
 * latest end any of its dubs needs.
 */
public enum SyncMode {
  /** Refused, as Kling does: the piece must lie inside the video. The default. */
  CUT_OFF("cut_off"),
  /** The piece is cut at the video's end, its sound fading out over {@link #TRIM_FADE_MS}. */
  TRIM("trim"),
  /** The video is extended by playing its frames again from the start, as often as the piece needs. */
  LOOP("loop"),
  /** The video is extended by playing its frames backwards, then forwards again, as often as needed. */
  BOUNCE("bounce"),
  /** The video's frames are slowed to the piece's end, at most {@link #MAX_REMAP_SLOWDOWN} times. */
  REMAP("remap");

  /** How long a trimmed piece's sound fades out before the cut: long enough that the cut makes no click. */
  public static final long TRIM_FADE_MS = 50;
  /**
   * The most remap slows the video: beyond 1.5 times, motion (blinks, head turns, the background)
   * visibly drags and frames are held long enough to stutter. Chosen when written, not measured.
   */
  public static final double MAX_REMAP_SLOWDOWN = 1.5;

  private final String wire;

  SyncMode(String wire) {
    this.wire = wire;
  }

  /** The mode's name in requests and on the command line: {@code cut_off}, {@code loop}, ... */
  public String wire() {
    return wire;
  }

  /** Whether the mode makes the output longer than the video when a piece needs it. */
  public boolean extendsVideo() {
    return this == LOOP || this == BOUNCE || this == REMAP;
  }

  /** The mode named {@code wire} exactly, or empty for a name that is none. */
  public static Optional<SyncMode> of(String wire) {
    return Arrays.stream(values()).filter(m -> m.wire.equals(wire)).findFirst();
  }

  /** Every mode's name, in order: what an unknown one is told to choose from. */
  public static List<String> names() {
    return Arrays.stream(values()).map(SyncMode::wire).toList();
  }

  /** The mode a request names (null: the default), or the violation of a name that is none. */
  public static Optional<Violation> check(int dub, String wire) {
    return wire == null || of(wire).isPresent() ? Optional.empty()
        : Optional.of(Violation.of(dub, RequestValue.SYNC_MODE, Rule.UNKNOWN_SYNC_MODE, names(), wire));
  }

  /** The mode a request names, {@link #CUT_OFF} for none; call {@link #check} first. */
  public static SyncMode orDefault(String wire) {
    return wire == null ? CUT_OFF : of(wire).orElseThrow(() -> new IllegalArgumentException("no sync mode " + wire));
  }
}
