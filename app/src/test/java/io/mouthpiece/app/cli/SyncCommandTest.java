package io.mouthpiece.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.app.testing.CommandRun;
import io.mouthpiece.engine.LipSync;
import io.mouthpiece.engine.Progress;
import io.mouthpiece.engine.face.FaceTrack;
import io.mouthpiece.engine.face.Identification;
import io.mouthpiece.engine.face.IdentifyConfig;
import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.AudioWriter;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
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
    // Two faces of different sizes: the default must pick the larger, as identify measures it.
    Path video = TestMedia.sideBySide("retalking_face2.mp4", "retalking_face5.mp4");
    Identification faces = LipSync.identify(video, IdentifyConfig.DEFAULT, Progress.NONE);
    assertEquals(2, faces.faces().size(), "the clip shows two faces");
    FaceTrack largest = faces.faces().stream().max(Comparator.comparingDouble(FaceTrack::sizePx)).orElseThrow();
    FaceTrack smaller = faces.faces().stream().min(Comparator.comparingDouble(FaceTrack::sizePx)).orElseThrow();
    assertTrue(largest.sizePx() > 1.1 * smaller.sizePx(), "the faces differ in size: " + faces.faces());
    Path out = temp.resolve("out.mp4");
    CommandRun run = mouthpiece("sync", "--video", video.toString(), "--audio", TestMedia.audio("retalking_1.wav").toString(),
        "--out", out.toString());
    assertEquals(0, run.exit(), run.stderr());
    assertTrue(run.stderr().contains("wrote " + out + ": ") && run.stderr().contains(", face " + largest.faceId() + " ("),
        "the largest face, " + largest.faceId() + ", was synced: " + run.stderr());
    try (VideoReader source = VideoReader.open(video); VideoReader result = VideoReader.open(out)) {
      assertEquals(source.info().width(), result.info().width());
      assertEquals(source.info().durationUs(), result.info().durationUs(), 40_000);
      assertTrue(result.info().hasAudio());
    }
  }

  @Test
  void aSecondSyncOfTheSameVideoReadsTheAnalysisFromTheCache() throws Exception {
    Path video = TestMedia.video("retalking_face5.mp4");
    Path cache = temp.resolve(".cache/mouthpiece"); // the default: CommandRun sets XDG_CACHE_HOME to the test's folder
    CommandRun first = mouthpiece("sync", "--video", video.toString(), "--audio", TestMedia.audio("retalking_1.wav").toString(),
        "--out", temp.resolve("first.mp4").toString());
    assertEquals(0, first.exit(), first.stderr());
    assertTrue(first.stderr().contains("kept in " + cache.toAbsolutePath()), first.stderr());
    CommandRun second = mouthpiece("sync", "--video", video.toString(), "--audio", TestMedia.audio("retalking_2.wav").toString(),
        "--out", temp.resolve("second.mp4").toString());
    assertEquals(0, second.exit(), second.stderr());
    assertTrue(second.stderr().contains(" from the cache, planning"), second.stderr());
    // --no-cache neither reads nor writes; --cache-dir puts it elsewhere.
    CommandRun off = mouthpiece("sync", "--no-cache", "--video", video.toString(), "--audio",
        TestMedia.audio("retalking_2.wav").toString(), "--out", temp.resolve("off.mp4").toString());
    assertEquals(0, off.exit(), off.stderr());
    assertFalse(off.stderr().contains("cache"), off.stderr());
    Path elsewhere = temp.resolve("elsewhere");
    CommandRun moved = mouthpiece("sync", "--cache-dir", elsewhere.toString(), "--cache-size-mb", "500", "--video",
        video.toString(), "--audio", TestMedia.audio("retalking_2.wav").toString(), "--out", temp.resolve("moved.mp4").toString());
    assertEquals(0, moved.exit(), moved.stderr());
    assertTrue(moved.stderr().contains("kept in " + elsewhere.toAbsolutePath()), moved.stderr());
    try (var entries = Files.list(elsewhere)) {
      assertEquals(1, entries.filter(p -> p.toString().endsWith(".analysis")).count());
    }
  }

  /**
   * What the command said on stderr besides its progress: without the plain progress lines a slow
   * machine gets every 5 s, and without TensorFlow Lite's native "Created ... XNNPACK delegate"
   * notice, which the face model writes past Java once per process (the launcher filters it out;
   * this test runs the command without the launcher).
   */
  private static String ownLines(CommandRun run) {
    return String.join("\n", run.stderr().lines()
        .filter(l -> !l.contains("XNNPACK delegate") && !l.startsWith("sync: ")).toList()).strip();
  }

  @Test
  void helpAndMissingOptionsAreOneCleanAnswer() throws Exception {
    CommandRun help = mouthpiece("sync", "--help");
    assertEquals(0, help.exit(), help.stderr());
    assertTrue(help.stdout().contains("Usage: mouthpiece sync") && help.stdout().contains("--audio-start=MS"), help.stdout());
    assertEquals("", help.stderr().strip(), "help goes to stdout");
    CommandRun bare = mouthpiece("sync");
    assertEquals(2, bare.exit());
    assertEquals("mouthpiece sync: Missing required options: '--video=VIDEO', '--out=OUT.mp4' (`mouthpiece sync --help`"
        + " lists the options)", bare.stderr().strip());
    CommandRun noAudio = mouthpiece("sync", "--video", TestMedia.video("retalking_face3.mp4").toString(), "--out", "x.mp4");
    assertEquals(2, noAudio.exit());
    assertEquals("mouthpiece sync: Missing required option: '--audio=AUDIO' (`mouthpiece sync --help` lists the options)",
        noAudio.stderr().strip());
  }

  @Test
  void anOutputFolderThatDoesNotExistIsRefusedBeforeAnyWork() throws Exception {
    Path out = temp.resolve("no-such-folder").resolve("x.mp4");
    CommandRun run = mouthpiece("sync", "--video", TestMedia.video("retalking_face3.mp4").toString(),
        "--audio", TestMedia.audio("retalking_1.wav").toString(), "--out", out.toString());
    assertEquals(1, run.exit());
    assertEquals("mouthpiece: --out: the folder " + out.getParent() + " does not exist (create it, or write elsewhere)",
        run.stderr().strip());
  }

  @Test
  void aPieceWithNoRoomNamesTheOptionThatLeftNone() throws Exception {
    Path video = TestMedia.video("retalking_face3.mp4"); // 5.04 s
    CommandRun late = mouthpiece("sync", "--video", video.toString(), "--audio", TestMedia.audio("retalking_1.wav").toString(),
        "--insert", "6000", "--out", temp.resolve("x.mp4").toString());
    assertEquals(1, late.exit());
    assertTrue(ownLines(late).matches("mouthpiece: --insert: must leave at least 2000 ms of the video after it: the"
        + " video ends at 50[0-9]{2} ms \\(got 6000 ms\\)"), late.stderr());
    Path shortSpeech = temp.resolve("short.wav");
    AudioWriter.writeWav(AudioReader.decode(TestMedia.audio("retalking_1.wav"), 16_000, 1, 60_000).slice(0, 1200), shortSpeech);
    CommandRun tooShort = mouthpiece("sync", "--video", video.toString(), "--audio", shortSpeech.toString(),
        "--out", temp.resolve("x.mp4").toString());
    assertEquals(1, tooShort.exit());
    assertEquals("mouthpiece: --audio: the audio must be 2000 to 60000 ms long (got 1200 ms)", ownLines(tooShort));
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
