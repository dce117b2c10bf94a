package io.mouthpiece.engine.testing;

import io.mouthpiece.engine.speech.EspeakLibrary;
import io.mouthpiece.engine.speech.SpeechException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A tool a test needs from the machine (Chromium, Node): without it the test skips and says what is
 * missing, except under {@code -Dmouthpiece.requireAll=true} (what {@code .ci/run} sets, after
 * installing every tool), where the test fails, so that nothing CI was meant to run is skipped unseen.
 */
public final class Prerequisite {
  /** The switch that turns every skip into a failure. */
  public static final String REQUIRE_ALL = "mouthpiece.requireAll";

  private Prerequisite() {}

  /** Whether a program of this name is on the PATH, as a process started by name would find it. */
  public static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  /** Skips (or fails, under {@value #REQUIRE_ALL}) unless Debian's espeak-ng is installed: text to speech needs it. */
  public static void requireEspeak() {
    require(onPath("espeak-ng"), "espeak-ng (Debian: apt-get install espeak-ng)");
  }

  /**
   * Skips (or fails, under {@value #REQUIRE_ALL}) unless libespeak-ng loads: the phonemes of
   * synthesised speech come from it (Debian's libespeak-ng1, which espeak-ng depends on).
   */
  public static void requireEspeakLibrary() {
    boolean loads;
    try {
      EspeakLibrary.get();
      loads = true;
    } catch (SpeechException e) {
      loads = false;
    }
    require(loads, "libespeak-ng (Debian: apt-get install espeak-ng, which installs libespeak-ng1)");
  }

  /** Skips (or, under {@value #REQUIRE_ALL}, fails) the calling test unless {@code present}; {@code missing} says what to install. */
  public static void require(boolean present, String missing) {
    if (present) {
      return;
    }
    if (Boolean.getBoolean(REQUIRE_ALL)) {
      Assertions.fail("missing: " + missing + " (-D" + REQUIRE_ALL + "=true turns this skip into a failure)");
    }
    System.err.println("skipped: missing " + missing);
    Assumptions.abort("missing " + missing);
  }
}
