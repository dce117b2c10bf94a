package io.mouthpiece.engine.media;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files that are not decodable videos fail with a {@link MediaException} (never another exception
 * type) whose message names the file and says what is wrong, in words fit for a user.
 */
class BadInputTest {
  static Stream<Arguments> badFiles() {
    return Stream.of(
        bad("empty file", TestMedia::emptyFile, "is empty"),
        bad("text file", TestMedia::textFile, "not a video file"),
        bad("mp4 cut after its first 4 KiB", TestMedia::corruptVideo, "damaged or incomplete"),
        bad("mp4 cut in half, index first", TestMedia::truncatedVideo, "is incomplete"),
        bad("audio only", TestMedia::audioOnly, "holds only audio"),
        bad("missing file", () -> Path.of("target/test-media/no-such-video.mp4"), "no such file"));
  }

  private static Arguments bad(String what, Supplier<Path> file, String saying) {
    return Arguments.of(what, file, saying);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void failsWithAClearMediaException(String what, Supplier<Path> fileMaker, String saying) {
    Path file = fileMaker.get();
    MediaException e = assertThrows(MediaException.class, () -> decodeAll(file), what);
    String message = e.getMessage();
    System.out.println(what + ": " + message);
    assertTrue(message.contains(file.getFileName().toString()), "the message names the file: " + message);
    assertTrue(message.contains(saying), "the message says what is wrong (\"" + saying + "\"): " + message);
    assertFalse(message.contains("FFmpegLogCallback") || message.contains("setFormat"),
        "the message carries no JavaCV debugging hints: " + message);
  }

  /** Opens and decodes every frame, as a caller would; a failure at either step counts. */
  private static void decodeAll(Path file) throws MediaException {
    try (VideoReader reader = VideoReader.open(file)) {
      Optional<VideoFrame> frame;
      while ((frame = reader.read()).isPresent()) {
        frame.get().close();
      }
    }
  }
}
