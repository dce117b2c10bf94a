package io.mouthpiece.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressReportTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private void at(double seconds) {
    now.set(1_000_000_000L + (long) (seconds * 1e9));
  }

  @Test
  void withoutATerminalAPlainLineComesEveryFewSecondsWithStageAndTimeLeft() {
    ProgressReport report = new ProgressReport(err, "sync", false, Duration.ofSeconds(5), now::get);
    report.update(Progress.LOADING, 0);
    at(3);
    report.update(Progress.TRACKING, 0.2);
    assertEquals("", printed(), "a run shorter than the interval prints nothing");
    at(6);
    report.update(Progress.TRACKING, 0.3);
    at(8);
    report.update(Progress.RENDERING, 0.6);
    assertEquals("sync: decoding + tracking faces, 30% after 6.0 s, about 14 s left\n", printed(),
        "one line at the first update past 5 s, none 2 s later: " + printed());
    at(12);
    report.update(Progress.RENDERING, 0.75);
    assertTrue(printed().endsWith("sync: rendering + encoding, 75% after 12 s, about 4.0 s left\n"), printed());
    at(30);
    report.update(Progress.FINISHING, 1.0);
    assertEquals(2, printed().lines().count(), "the end is the command's own to report: " + printed());
    assertFalse(printed().contains("\r"));
  }

  @Test
  void onATerminalOneBarIsRedrawnWithTheStageAndEndsWithANewline() {
    ProgressReport report = new ProgressReport(err, "identify", true, Duration.ofSeconds(5), now::get);
    report.update(Progress.LOADING, 0);
    assertTrue(printed().startsWith("\ridentify [........................]   0%  loading  0.0 s"), printed());
    at(2);
    report.update(Progress.TRACKING, 0.5);
    String second = printed().substring(printed().lastIndexOf('\r'));
    assertTrue(second.startsWith("\ridentify [############............]  50%  decoding + tracking faces  2.0 s, about 2.0 s left"),
        second);
    at(2.1);
    report.update(Progress.TRACKING, 0.501);
    assertEquals(2, printed().chars().filter(c -> c == '\r').count(), "the same percentage and stage within 0.5 s: no redraw");
    at(3);
    report.update(Progress.FINISHING, 1.0);
    assertTrue(printed().endsWith("\n") && printed().stripTrailing().endsWith("100%  finishing the file  3.0 s"), printed());
  }

  @Test
  void aShorterLineCoversTheLongerOneBeforeIt() {
    ProgressReport report = new ProgressReport(err, "x", true, Duration.ofSeconds(5), now::get);
    report.update("a long stage name indeed", 0.1);
    int first = printed().length() - 1;
    report.update("b", 0.2);
    String second = printed().substring(first + 1);
    assertEquals(first + 1, second.length(), "the redraw is as wide as the line it covers: [" + second + "]");
  }

  @Test
  void durationsReadAsPeopleSayThem() {
    assertEquals("4.2 s", ProgressReport.clock(4_200_000_000L));
    assertEquals("37 s", ProgressReport.clock(37_000_000_000L));
    assertEquals("2 min 05 s", ProgressReport.clock(125_000_000_000L));
  }
}
