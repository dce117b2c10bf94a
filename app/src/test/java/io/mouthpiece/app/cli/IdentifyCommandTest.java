package io.mouthpiece.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mouthpiece.app.testing.CommandRun;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mouthpiece identify` as a user runs it: a real process, stdout and stderr apart. */
class IdentifyCommandTest {
  @TempDir Path temp;

  private CommandRun mouthpiece(String... args) throws Exception {
    return CommandRun.of(temp, Duration.ofSeconds(120), args);
  }

  @Test
  void theLauncherRunsItWithoutTensorFlowLitesNativeNotice() throws Exception {
    CommandRun run = CommandRun.viaLauncher(temp, Duration.ofSeconds(120), "identify",
        TestMedia.video("retalking_face3.mp4").toString(), "--faces-dir", temp.resolve("faces").toString());
    assertEquals(0, run.exit(), run.stderr());
    assertEquals(1, new ObjectMapper().readTree(run.stdout()).get("face_data").size(), run.stdout());
    assertFalse(run.stderr().contains("XNNPACK"), "the native notice is filtered out: " + run.stderr());
    CommandRun direct = mouthpiece("identify", TestMedia.video("retalking_face3.mp4").toString(), "--faces-dir",
        temp.resolve("faces2").toString());
    assertTrue(direct.stderr().contains("XNNPACK"), "without the launcher the notice is there, so the check above means"
        + " something: " + direct.stderr());
    CommandRun failed = CommandRun.viaLauncher(temp, Duration.ofSeconds(60), "identify", "no-such.mp4");
    assertEquals(1, failed.exit());
    assertTrue(failed.stderr().startsWith(CommandRun.SCRIPT_LINE + "\nmouthpiece: "),
        "Java's own lines reach stderr after what was there, not over it: " + failed.stderr());
  }

  @Test
  void printsOnlyTheFacesAsJsonAndWritesTheCrops() throws Exception {
    Path video = TestMedia.video("retalking_face3.mp4");
    CommandRun run = mouthpiece("identify", video.toString(), "--faces-dir", temp.resolve("faces").toString());
    assertEquals(0, run.exit(), run.stderr());
    JsonNode root = new ObjectMapper().readTree(run.stdout());
    // identify-face's fields, and ours: the face a sync without --face takes (the video's one face, which speaks).
    assertEquals(List.of("face_data", "default_face_id"), iterableToList(root.fieldNames()),
        "nothing but the faces: " + run.stdout());
    assertEquals("0", root.get("default_face_id").asText());
    JsonNode faces = root.get("face_data");
    assertEquals(1, faces.size());
    JsonNode face = faces.get(0);
    assertEquals("0", face.get("face_id").asText());
    assertEquals(0, face.get("start_time").asLong());
    assertEquals(5000, face.get("end_time").asLong(), 40);
    assertTrue(face.get("speaking").isArray() && face.get("speaking").size() > 0, "retalking_face3 speaks: " + face);
    Path crop = Path.of(face.get("face_image").asText());
    assertTrue(crop.isAbsolute() && Files.isRegularFile(crop), crop.toString());
    byte[] magic = Arrays.copyOf(Files.readAllBytes(crop), 8);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, magic, "a PNG");
    assertFalse(run.stderr().contains("\r") || run.stderr().contains("#"), "no bar redrawn in place when stderr is not a terminal");
  }

  @Test
  void anOverlayIntoAFolderThatDoesNotExistIsRefusedBeforeAnyWork() throws Exception {
    Path overlay = temp.resolve("no-such-folder").resolve("overlay.mp4");
    CommandRun run = mouthpiece("identify", TestMedia.video("retalking_face5.mp4").toString(), "--faces-dir",
        temp.resolve("faces").toString(), "--debug-overlay", overlay.toString());
    assertEquals(1, run.exit());
    assertEquals("mouthpiece: --debug-overlay: the folder " + overlay.getParent() + " does not exist (create it, or write"
        + " elsewhere)", run.stderr().strip());
    assertFalse(Files.exists(temp.resolve("faces")), "no work done, no crops written");
  }

  @Test
  void writesADebugOverlayWithTheSourcesFramesAndSound() throws Exception {
    Path video = TestMedia.video("retalking_face5.mp4");
    Path overlay = temp.resolve("overlay.mp4");
    CommandRun run = mouthpiece("identify", video.toString(), "--faces-dir", temp.toString(), "--debug-overlay", overlay.toString());
    assertEquals(0, run.exit(), run.stderr());
    try (var source = io.mouthpiece.engine.media.VideoReader.open(video);
        var drawn = io.mouthpiece.engine.media.VideoReader.open(overlay)) {
      assertEquals(source.info().width(), drawn.info().width());
      assertEquals(source.info().durationUs(), drawn.info().durationUs(), 40_000);
      assertTrue(drawn.info().hasAudio(), "the overlay keeps the sound");
      int frames = 0;
      double changed = 0;
      while (true) {
        var a = source.read();
        var b = drawn.read();
        assertEquals(a.isPresent(), b.isPresent(), "same frame count");
        if (a.isEmpty()) {
          break;
        }
        try (var fa = a.get(); var fb = b.get()) {
          changed += differingPixels(fa.bgr(), fb.bgr());
          frames++;
        }
      }
      assertEquals(122, frames);
      // The face box alone is ~250 px a side, drawn 2 px wide: ~2000 pixels; ask for half of it.
      assertTrue(changed / frames > 1000, "boxes and lips are drawn: " + changed / frames + " pixels changed per frame");
    }
  }

  private static double differingPixels(org.bytedeco.opencv.opencv_core.Mat a, org.bytedeco.opencv.opencv_core.Mat b) {
    try (var diff = new org.bytedeco.opencv.opencv_core.Mat(); var grey = new org.bytedeco.opencv.opencv_core.Mat();
        var mask = new org.bytedeco.opencv.opencv_core.Mat()) {
      org.bytedeco.opencv.global.opencv_core.absdiff(a, b, diff);
      org.bytedeco.opencv.global.opencv_imgproc.cvtColor(diff, grey, org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY);
      org.bytedeco.opencv.global.opencv_imgproc.threshold(grey, mask, 60, 255, org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY);
      return org.bytedeco.opencv.global.opencv_core.countNonZero(mask);
    }
  }

  @Test
  void badFilesGiveOneClearLineAndExitCodeOne() throws Exception {
    for (Path bad : List.of(TestMedia.textFile(), TestMedia.emptyFile(), TestMedia.audioOnly(), TestMedia.corruptVideo(),
        temp.resolve("missing.mp4"))) {
      CommandRun run = mouthpiece("identify", bad.toString(), "--faces-dir", temp.toString());
      assertEquals(1, run.exit(), bad + ": " + run.stderr());
      assertEquals("", run.stdout(), "nothing on stdout for " + bad);
      assertTrue(run.stderr().contains("mouthpiece: ") && run.stderr().contains(bad.getFileName().toString()), run.stderr());
      assertFalse(run.stderr().contains("Exception") || run.stderr().contains("\tat "), "no stack trace: " + run.stderr());
    }
  }

  @Test
  void missingArgumentIsUsageErrorTwo() throws Exception {
    CommandRun run = mouthpiece("identify");
    assertEquals(2, run.exit());
    assertTrue(run.stderr().contains("Missing required parameter: 'VIDEO'"), run.stderr());
  }

  private static <T> List<T> iterableToList(java.util.Iterator<T> it) {
    List<T> list = new ArrayList<>();
    it.forEachRemaining(list::add);
    return list;
  }
}
