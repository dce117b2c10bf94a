package io.mouthpiece.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mouthpiece sync` as a user runs it: a real process. */
class SyncCommandTest {
  @TempDir Path temp;

  private record Run(int exit, String stdout, String stderr) {}

  private Run mouthpiece(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(Arrays.asList(args));
    Process p = new ProcessBuilder(command).directory(temp.toFile())
        .redirectOutput(temp.resolve("out.txt").toFile()).redirectError(temp.resolve("err.txt").toFile()).start();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "sync did not finish in 3 minutes");
    return new Run(p.exitValue(), Files.readString(temp.resolve("out.txt")), Files.readString(temp.resolve("err.txt")));
  }

  @Test
  void defaultsSyncTheLargestFaceWithTheWholeAudio() throws Exception {
    Path video = TestMedia.sharedVideo("retalking_face3.mp4");
    Path out = temp.resolve("out.mp4");
    Run run = mouthpiece("sync", "--video", video.toString(), "--audio", TestMedia.sharedAudio("retalking_1.wav").toString(),
        "--out", out.toString());
    assertEquals(0, run.exit(), run.stderr());
    assertTrue(run.stderr().contains("wrote"), run.stderr());
    try (VideoReader source = VideoReader.open(video); VideoReader result = VideoReader.open(out)) {
      assertEquals(source.info().width(), result.info().width());
      assertEquals(source.info().durationUs(), result.info().durationUs(), 40_000);
      assertTrue(result.info().hasAudio());
    }
  }

  @Test
  void aBadRequestSaysWhichOptionAndWhy() throws Exception {
    Run run = mouthpiece("sync", "--video", TestMedia.sharedVideo("retalking_face3.mp4").toString(),
        "--audio", TestMedia.sharedAudio("retalking_1.wav").toString(), "--audio-end", "1000", "--out", temp.resolve("x.mp4").toString());
    assertEquals(1, run.exit());
    assertTrue(run.stderr().contains("--audio-end: must be at least 2000 ms after --audio-start"), run.stderr());
    assertFalse(run.stderr().contains("Exception"), run.stderr());
    assertFalse(Files.exists(temp.resolve("x.mp4")), "nothing written");
  }
}
