package io.mouthpiece.app.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.app.testing.CommandRun;
import io.mouthpiece.engine.testing.Prerequisite;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mouthpiece eval` as a user runs it (a real process): a section on one clip end to end, and wrong options named. */
class EvalCommandTest {
  @TempDir Path temp;

  private CommandRun mouthpiece(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("eval"));
    all.addAll(List.of(args));
    return CommandRun.of(temp, Duration.ofSeconds(300), all.toArray(String[]::new));
  }

  @Test
  void silenceSectionOnOneClip() throws Exception {
    Path media = TestMedia.video("grid_lbbc2a.mpg").getParent().getParent();
    CommandRun run = mouthpiece("--media", media.toString(), "--clips", "grid_lbbc2a", "--sections", "silence", "--out", "report");
    assertEquals(0, run.exit(), run.stderr());
    assertTrue(run.stdout().contains("1 clips of 1 speakers"), run.stdout());
    String row = run.stdout().lines().filter(l -> l.startsWith("grid_lbbc2a ")).findFirst().orElseThrow();
    // pauses, frames in pauses, closed ours and loudness, the speaker's own threshold, closed ours and loudness by it
    String[] cells = row.trim().split("\\s+");
    assertEquals(8, cells.length, row);
    for (int i = 1; i < cells.length; i++) {
      double v = Double.parseDouble(cells[i]);
      assertTrue(Double.isFinite(v) && v >= 0, "cell " + i + " of " + row);
      assertTrue(i < 3 || v <= 1, "a fraction or an aperture, at most 1: cell " + i + " of " + row);
    }
    assertTrue(Integer.parseInt(cells[2]) > 0, "the paused speech has frames in pauses: " + row);
    assertTrue(Files.size(temp.resolve("report/silence-grid_lbbc2a.png")) > 10_000, "the strip was written");
  }

  @Test
  void phonemesSectionOnOneClipShowsTheLipsShutOnBilabialsInTheRenderedVideo() throws Exception {
    Prerequisite.requireEspeakLibrary();
    Path media = TestMedia.video("grid_lbbc2a.mpg").getParent().getParent();
    CommandRun run = mouthpiece("--media", media.toString(), "--clips", "grid_lbbc2a", "--sections", "phonemes", "--out", "report");
    assertEquals(0, run.exit(), run.stderr());
    List<String> rows = run.stdout().lines().filter(l -> l.startsWith("grid_lbbc2a ")).toList();
    assertEquals(4, rows.size(), run.stdout());
    int bilabials = 0;
    int byPhonemes = 0;
    int bySound = 0;
    for (String row : rows) {
      // clip, voice, bilabials, closed with phonemes, closed by sound, closed in the source, then three r
      String[] cells = row.trim().split("\\s+");
      assertEquals(9, cells.length, row);
      bilabials += Integer.parseInt(cells[2]);
      byPhonemes += Integer.parseInt(cells[3]);
      bySound += Integer.parseInt(cells[4]);
    }
    // Re-tracked from the rendered frames: the lips shut on (nearly) every p, b, m when the phonemes drive them.
    assertTrue(bilabials >= 20, run.stdout());
    assertTrue(byPhonemes >= 0.9 * bilabials && byPhonemes > bySound, run.stdout());
    assertTrue(Files.size(temp.resolve("report/phonemes-grid_lbbc2a-en_us_male.png")) > 10_000, "the strip was written");
  }

  @Test
  void wrongOptionsAreNamedInOneLine() throws Exception {
    CommandRun sections = mouthpiece("--sections", "crossdub,lipsync");
    assertEquals(1, sections.exit());
    assertEquals("mouthpiece: --sections: one or more of crossdub, halfsplit, silence, phonemes; got lipsync", sections.stderr().strip());
    CommandRun media = mouthpiece("--media", temp.resolve("nothing").toString());
    assertEquals(1, media.exit());
    assertTrue(media.stderr().strip().startsWith("mouthpiece: --media: no video/ and audio/ folders in "), media.stderr());
    Path empty = Files.createDirectories(temp.resolve("media"));
    Files.createDirectories(empty.resolve("video"));
    Files.createDirectories(empty.resolve("audio"));
    CommandRun clips = mouthpiece("--media", empty.toString(), "--clips", "nobody");
    assertEquals(1, clips.exit());
    assertTrue(clips.stderr().strip().startsWith("mouthpiece: --clips: none of the manifest's speaking clips is in "),
        clips.stderr());
  }
}
