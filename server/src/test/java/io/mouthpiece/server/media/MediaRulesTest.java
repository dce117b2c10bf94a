package io.mouthpiece.server.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.VideoReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's messages reach clients without the service's own file names. */
class MediaRulesTest {
  @TempDir Path temp;

  @Test
  void aRealEngineMessageLosesTheLocalNameAndSaysWhichFileItWas() throws Exception {
    Path file = temp.resolve("f8c1d2e3.upload");
    Files.writeString(file, "not a video");
    String engine;
    try (VideoReader ignored = VideoReader.open(file)) {
      throw new AssertionError("a text file opened as a video");
    } catch (MediaException e) {
      engine = e.getMessage();
    }
    String said = MediaRules.withoutFileNames(engine, Map.of(file, "the video"));
    assertFalse(said.contains("f8c1d2e3"), said);
    assertFalse(said.contains(temp.toString()), said);
  }

  @Test
  void aNameAfterAColonIsDroppedAndElsewhereSaidInTheClientsWords() {
    Path video = Path.of("/data/files/v1.mp4");
    Path audio = Path.of("/data/files/a7.wav");
    Map<Path, String> words = Map.of(video, "the video", audio, "the audio of face_choose[0].sound_file");
    assertEquals("no audio stream in the audio of face_choose[0].sound_file",
        MediaRules.withoutFileNames("no audio stream in a7.wav", words));
    assertEquals("not a decodable audio file (bad header)",
        MediaRules.withoutFileNames("not a decodable audio file: a7.wav (bad header)", words));
    assertEquals("the video is incomplete", MediaRules.withoutFileNames("v1.mp4 is incomplete", words));
  }
}
