package io.mouthpiece.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mouthpiece.app.testing.CommandRun;
import io.mouthpiece.engine.LipSync;
import io.mouthpiece.engine.Progress;
import io.mouthpiece.engine.face.FaceTrack;
import io.mouthpiece.engine.face.IdentifyConfig;
import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.AudioWriter;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.testing.Prerequisite;
import io.mouthpiece.engine.speaker.FacesFound;
import io.mouthpiece.engine.testing.SpeakerClips;
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
  void defaultsSyncTheFaceThatSpeaksWithTheWholeAudio() throws Exception {
    // Two people, one voice: retalking_face3 speaks on the left, shown smaller; retalking_face2 moves its lips beside it.
    Path video = SpeakerClips.twoSpeakers("retalking_face3.mp4", "retalking_face2.mp4", Long.MAX_VALUE, 0.7);
    FacesFound found = LipSync.identify(video, IdentifyConfig.DEFAULT, Progress.NONE);
    assertEquals(2, found.faces().size(), "the clip shows two faces");
    String speaker = found.speaking().mostSpeaking().orElseThrow();
    FaceTrack largest = found.faces().stream().max(Comparator.comparingDouble(FaceTrack::sizePx)).orElseThrow();
    assertTrue(!speaker.equals(largest.faceId()), "the speaker is not the largest face, so the test tells them apart: "
        + found.faces() + " " + found.speaking());
    assertSyncs(video, speaker);
  }

  @Test
  void defaultsSyncTheLargestFaceWhenNobodyIsFoundSpeaking() throws Exception {
    // Two faces of different sizes and no sound: nobody can be found speaking, so the larger, as identify measures it.
    Path video = TestMedia.sideBySide("musetalk_sun.mp4", "retalking_face5.mp4");
    FacesFound found = LipSync.identify(video, IdentifyConfig.DEFAULT, Progress.NONE);
    assertEquals(2, found.faces().size(), "the clip shows two faces");
    assertFalse(found.speaking().hasSound());
    FaceTrack largest = found.faces().stream().max(Comparator.comparingDouble(FaceTrack::sizePx)).orElseThrow();
    FaceTrack smaller = found.faces().stream().min(Comparator.comparingDouble(FaceTrack::sizePx)).orElseThrow();
    assertTrue(largest.sizePx() > 1.1 * smaller.sizePx(), "the faces differ in size: " + found.faces());
    assertSyncs(video, largest.faceId());
  }

  /** `sync` without --face dubs {@code faceId} with the whole audio, and the result keeps the source's size and length. */
  private void assertSyncs(Path video, String faceId) throws Exception {
    Path out = temp.resolve("out.mp4");
    CommandRun run = mouthpiece("sync", "--video", video.toString(), "--audio", TestMedia.audio("retalking_1.wav").toString(),
        "--out", out.toString());
    assertEquals(0, run.exit(), run.stderr());
    assertTrue(run.stderr().contains("wrote " + out + ": ") && run.stderr().contains(", face " + faceId + " ("),
        "face " + faceId + " was synced: " + run.stderr());
    try (VideoReader source = VideoReader.open(video); VideoReader result = VideoReader.open(out)) {
      assertEquals(source.info().width(), result.info().width());
      assertEquals(source.info().durationUs(), result.info().durationUs(), 40_000);
      assertTrue(result.info().hasAudio());
    }
  }

  @Test
  void reportWritesEachFacesQualityAsJson() throws Exception {
    Path video = TestMedia.video("retalking_face2.mp4");
    Path out = temp.resolve("out.mp4");
    Path report = temp.resolve("report.json");
    CommandRun run = mouthpiece("sync", "--video", video.toString(), "--audio", TestMedia.audio("retalking_1.wav").toString(),
        "--audio-end", "3000", "--insert", "1000", "--out", out.toString(), "--report", report.toString());
    assertEquals(0, run.exit(), run.stderr());
    JsonNode written = new ObjectMapper().readTree(report.toFile());
    JsonNode q = written.path("quality").get(0);
    assertEquals("0", q.path("face_id").asText(), written.toString());
    JsonNode frames = q.path("frames");
    assertEquals(written.path("frames").asInt(), frames.path("total").asInt());
    assertEquals(frames.path("total").asInt(), frames.path("rendered").asInt() + frames.path("outside_window").asInt()
        + frames.path("passed_through").asInt(), frames.toString());
    assertTrue(frames.path("outside_window").asInt() > 0, "the piece ends at 4 s of 5: " + frames);
    assertTrue(run.stderr().contains("mouthpiece: face 0: " + q.path("verdict").asText() + "\n"), run.stderr());
    assertEquals("sound", q.path("mouth_driven_by").asText(), "an audio file's words are not known");
    assertTrue(run.stderr().contains("wrote the quality report to " + report), run.stderr());
    CommandRun nowhere = mouthpiece("sync", "--video", video.toString(), "--audio", TestMedia.audio("retalking_1.wav").toString(),
        "--out", out.toString(), "--report", temp.resolve("no-such-folder/report.json").toString());
    assertEquals(1, nowhere.exit());
    assertEquals("mouthpiece: --report: the folder " + temp.resolve("no-such-folder") + " does not exist (create it, or"
        + " write elsewhere)", nowhere.stderr().strip(), "refused before any work");
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
    assertEquals("mouthpiece sync: Missing required option: '--audio=AUDIO' (or --text=WORDS) (`mouthpiece sync --help` lists the options)",
        noAudio.stderr().strip());
  }

  @Test
  void typedWordsAreSpokenOnTheMachineAndDubbedWithTheMouthDrivenByTheirPhonemes() throws Exception {
    Prerequisite.requireEspeak();
    Prerequisite.requireEspeakLibrary();
    Path out = temp.resolve("spoken.mp4");
    Path report = temp.resolve("report.json");
    CommandRun run = mouthpiece("sync", "--video", TestMedia.video("retalking_face2.mp4").toString(),
        "--text", "Words typed on the command line, spoken right here.", "--voice", "en_gb_female", "--out", out.toString(),
        "--report", report.toString());
    assertEquals(0, run.exit(), run.stderr());
    JsonNode q = new ObjectMapper().readTree(report.toFile()).path("quality").get(0);
    assertEquals("phonemes", q.path("mouth_driven_by").asText(), q.toString());
    assertTrue(run.stderr().contains("mouthpiece: face 0: " + q.path("verdict").asText()
        + " (the mouth follows the spoken phonemes)"), run.stderr());
    try (VideoReader result = VideoReader.open(out)) {
      assertTrue(result.info().hasAudio());
    }
    CommandRun badVoice = mouthpiece("sync", "--video", TestMedia.video("retalking_face2.mp4").toString(),
        "--text", "Hello there, friends.", "--voice", "nobody", "--out", out.toString());
    assertEquals(1, badVoice.exit());
    assertTrue(ownLines(badVoice).startsWith("mouthpiece: --voice: no voice 'nobody'; the voices are en_us_male,"),
        badVoice.stderr());
    // Spoken, then the sync fails on the video: the spoken file goes all the same.
    Path broken = Files.write(temp.resolve("broken.mp4"), new byte[] {1, 2, 3});
    CommandRun failed = mouthpiece("sync", "--video", broken.toString(), "--text", "Hello there, friends.",
        "--out", out.toString());
    assertTrue(failed.exit() != 0, failed.stderr());
    // A usage error found after the words were given: nothing is spoken for it, nothing left behind.
    CommandRun usage = mouthpiece("sync", "--video", TestMedia.video("retalking_face2.mp4").toString(), "--text",
        "Hello there, friends.", "--cache-size-mb", "0", "--out", out.toString());
    assertEquals(2, usage.exit(), usage.stderr());
    assertEquals(0, Files.list(Path.of(System.getProperty("java.io.tmpdir")))
        .filter(p -> p.getFileName().toString().startsWith("mouthpiece-speech-")).count(), "the spoken files are deleted");
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

  @Test
  void syncModeLoopsAVideoForSpeechLongerThanItAndAnUnknownModeIsBadUsage() throws Exception {
    Path video = TestMedia.video("retalking_face3.mp4"); // 25 fps, 5.0 s as the engine measures it
    String speech = TestMedia.audio("musetalk_eng.flac").toString();
    CommandRun help = mouthpiece("sync", "--help");
    assertTrue(help.stdout().contains("--sync-mode=MODE") && help.stdout().contains("bounce"), help.stdout());
    CommandRun unknown = mouthpiece("sync", "--video", video.toString(), "--audio", speech, "--sync-mode", "wobble",
        "--out", temp.resolve("x.mp4").toString());
    assertEquals(2, unknown.exit());
    assertEquals("mouthpiece sync: --sync-mode: must be one of cut_off, trim, loop, bounce, remap (got 'wobble')"
        + " (`mouthpiece sync --help` lists the options)", unknown.stderr().strip());
    CommandRun tooSlow = mouthpiece("sync", "--video", video.toString(), "--audio", speech, "--audio-end", "9000",
        "--sync-mode", "remap", "--out", temp.resolve("x.mp4").toString());
    assertEquals(1, tooSlow.exit());
    assertTrue(ownLines(tooSlow).matches("mouthpiece: --sync-mode: remap slows the video at most 1.5 times: the piece ends"
        + " at 9000 ms, which needs the video's 50[0-9]{2} ms slowed 1.[78][0-9] times; .*"), tooSlow.stderr());
    Path out = temp.resolve("looped.mp4");
    CommandRun looped = mouthpiece("sync", "--video", video.toString(), "--audio", speech, "--audio-end", "6500",
        "--sync-mode", "loop", "--out", out.toString());
    assertEquals(0, looped.exit(), looped.stderr());
    assertTrue(looped.stderr().contains("wrote " + out + ": 163 frames, 6.52 s, face 0"), looped.stderr());
    try (VideoReader result = VideoReader.open(out)) {
      assertEquals(6_520_000, result.info().durationUs(), 40_000);
    }
    assertEquals(6_520, AudioReader.decode(out, 16_000, 1, 20_000).durationMs(), 25);
  }
}
