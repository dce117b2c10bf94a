package io.mouthpiece.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.app.testing.CommandRun;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mouthpiece sync` as a user runs it: a real process. */
class SyncCommandTest {
  @TempDir Path temp;

  private CommandRun mouthpiece(String... args) throws Exception {
    return CommandRun.of(temp, Duration.ofSeconds(180), args);
  }

  @Test
  void defaultsSyncTheLargestFaceWithTheWholeAudio() throws Exception {
    Path video = TestMedia.video("retalking_face3.mp4");
    Path out = temp.resolve("out.mp4");
    CommandRun run = mouthpiece("sync", "--video", video.toString(), "--audio", TestMedia.audio("retalking_1.wav").toString(),
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
    CommandRun run = mouthpiece("sync", "--video", TestMedia.video("retalking_face3.mp4").toString(),
        "--audio", TestMedia.audio("retalking_1.wav").toString(), "--audio-end", "1000", "--out", temp.resolve("x.mp4").toString());
    assertEquals(1, run.exit());
    assertTrue(run.stderr().contains("--audio-end: must be at least 2000 ms after --audio-start"), run.stderr());
    assertFalse(run.stderr().contains("Exception"), run.stderr());
    assertFalse(Files.exists(temp.resolve("x.mp4")), "nothing written");
  }
}
