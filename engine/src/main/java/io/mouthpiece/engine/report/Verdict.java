package io.mouthpiece.engine.report;

import io.mouthpiece.engine.mouth.MouthLibrary;
import io.mouthpiece.engine.mouth.MouthParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's judgement: a warning for each limit found, most limiting first, each saying what to
 * do; and one line, "good" or what limited the result. Sync is judged only where it can be measured
 * ({@link SyncMeasure#MIN_FRAMES}), and then against this clip's chance level, never alone.
 */
record Verdict(List<String> warnings, String line) {
  /**
   * More of the window's frames passed through than this share shows: a mouth that stops being
   * re-voiced now and then. Chosen when written, not measured.
   */
  static final double MAX_PASSED_SHARE = 0.1;
  /**
   * A face turned away in more than this share of the window's frames is mostly in profile: the
   * library holds no mouth for it. More than half: most of what is drawn.
   */
  static final double MAX_TURNED_SHARE = 0.5;
  /** Pauses with a closed mouth in fewer than this share of their frames: most pauses hang open. */
  static final double MIN_CLOSED_SHARE = 0.5;

  /** One limit: its name in the verdict line, and the whole warning. */
  private record Limit(String name, String warning) {}

  static Verdict of(FrameCounts frames, LibrarySurvey library, SyncMeasure sync, PauseMeasure pauses, double turnedShare) {
    List<Limit> limits = new ArrayList<>();
    if (frames.inWindow() > 0 && frames.rendered() == 0) {
      limits.add(new Limit("nothing re-rendered", "Nothing was re-rendered in the speech's window, because of: "
          + mainReason(frames) + (library.exemplars() == 0 ? " (" + emptyLibrary(library.sifting()) + ")" : "")
          + ". Choose a clip where the face is seen clearly, facing the camera."));
    }
    if (library.exemplars() > 0 && library.apertureRange() < LibrarySurvey.MIN_SPEAKING_RANGE) {
      limits.add(new Limit("the source barely moves its mouth", String.format(Locale.ROOT,
          "The source barely moves its mouth: its mouths open from %.3f to %.3f (aperture, 5th to 95th percentile; a"
              + " speaking face spans %.2f or more), %d distinct shapes among %d mouths, so the new speech can only be"
              + " drawn with the mouths it has. Use a clip where the person speaks.", library.apertureP5(),
          library.apertureP95(), LibrarySurvey.MIN_SPEAKING_RANGE, library.distinctShapes(), library.exemplars())));
    }
    if (turnedShare > MAX_TURNED_SHARE) {
      limits.add(new Limit("the face is turned away", String.format(Locale.ROOT,
          "The face is turned away (past %.0f° or nodded past %.0f°) in %.0f%% of the window's frames: mouths cut from"
              + " frames facing the camera are drawn on it. Use a clip where the face looks at the camera.",
          Math.toDegrees(MouthLibrary.MAX_YAW), Math.toDegrees(MouthLibrary.MAX_PITCH), 100 * turnedShare)));
    }
    int passed = frames.passedThroughTotal();
    int covered = frames.passedThrough().getOrDefault(FrameFate.MOUTH_COVERED, 0);
    int beside = frames.passedThrough().getOrDefault(FrameFate.BESIDE_COVERED, 0);
    boolean coverSaid = covered + beside > MAX_PASSED_SHARE * frames.inWindow();
    if (coverSaid) {
      limits.add(new Limit("the mouth is covered", String.format(Locale.ROOT,
          "Something is in front of the mouth (a hand, a microphone) in %d of the window's %d frames, and %d frames"
              + " beside them are faded out: they are left as the source had them, so the mouth there does not speak the"
              + " new audio. Use a clip where the mouth is in view.", covered, frames.inWindow(), beside)));
      passed -= covered + beside; // said once: the rest of what passed through is judged below
    }
    if (frames.rendered() > 0 && passed > MAX_PASSED_SHARE * frames.inWindow()) {
      limits.add(new Limit("frames passed through", String.format(Locale.ROOT,
          "%d of the window's %d frames were left as the source had them, mostly because of: %s. The mouth there does"
              + " not speak the new audio.", passed, frames.inWindow(),
          mainReason(frames, coverSaid ? java.util.Set.of(FrameFate.MOUTH_COVERED, FrameFate.BESIDE_COVERED)
              : java.util.Set.of()))));
    }
    if (library.exemplars() > 0 && library.closableMouths() < LibrarySurvey.MIN_CLOSABLE) {
      limits.add(new Limit("the source's lips never meet", String.format(Locale.ROOT,
          "The source's lips (nearly) meet in only %d of its %d mouths (aperture %.2f or less): pauses are drawn from"
              + " its most closed mouths and may look parted. A clip where the person pauses or says p, b, m helps.",
          library.closableMouths(), library.exemplars(), MouthParams.CLOSABLE_APERTURE)));
    }
    if (pauses.frames() > 0 && pauses.closedShare() < MIN_CLOSED_SHARE) {
      limits.add(new Limit("the mouth stays open in pauses", String.format(Locale.ROOT,
          "In the speech's pauses the mouth is closed in only %d of %d frames (%.0f%%).", pauses.closedFrames(),
          pauses.frames(), 100 * pauses.closedShare())));
    }
    if (sync.measurable() && !sync.aboveChance()) {
      limits.add(new Limit("the mouth does not follow the speech", String.format(Locale.ROOT,
          "The drawn mouth does not follow the speech beyond chance: r %.2f, while the same mouth against the speech"
              + " out of step reaches %.2f.", sync.r(), sync.chanceR())));
    }
    List<String> warnings = limits.stream().map(Limit::warning).toList();
    String line;
    if (!limits.isEmpty()) {
      line = "limited: " + String.join("; ", limits.stream().map(Limit::name).toList());
    } else if (sync.measurable()) {
      line = "good";
    } else {
      line = String.format(Locale.ROOT, "good as far as measured; sync too short to measure (%d frames, under %d: chance"
          + " alone reaches r %.2f here)", sync.frames(), SyncMeasure.MIN_FRAMES, sync.chanceR());
    }
    return new Verdict(warnings, line);
  }

  /** The commonest reason frames of the window were passed through, in words. */
  private static String mainReason(FrameCounts frames) {
    return mainReason(frames, java.util.Set.of());
  }

  /** The same, the reasons {@code said} aside (they have their own warning already). */
  private static String mainReason(FrameCounts frames, java.util.Set<FrameFate> said) {
    return frames.passedThrough().entrySet().stream().filter(e -> !said.contains(e.getKey()))
        .max(Map.Entry.comparingByValue())
        .map(e -> e.getKey().words()).orElse("left alone");
  }

  private static String emptyLibrary(MouthLibrary.Sifting s) {
    if (s.offered() < 0) {
      return "the library is empty";
    }
    return String.format(Locale.ROOT, "of the face's %d frames, %d turned away, %d with the mouth outside the picture,"
        + " %d blurred", s.offered(), s.turnedAway(), s.outsidePicture(), s.blurred());
  }
}
