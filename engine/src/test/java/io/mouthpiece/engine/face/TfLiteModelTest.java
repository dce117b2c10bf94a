package io.mouthpiece.engine.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native library the models need is loaded without leaving its extracted copy on disk, even after a kill -9. */
class TfLiteModelTest {
  @TempDir Path temp;

  /** Loads a model, says so, and waits to be killed. */
  public static void main(String[] args) throws Exception {
    TfLiteModel.open("face_detection_short_range.tflite", 1).close();
    System.out.println("loaded");
    System.out.flush();
    Thread.sleep(60_000);
  }

  @Test
  void aKilledProcessLeavesNoCopyOfTheNativeLibrary() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-Djava.io.tmpdir=" + temp, "-cp", System.getProperty("java.class.path"),
        TfLiteModelTest.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("loaded", out.readLine(), "the model loaded in the child process");
      p.destroyForcibly(); // SIGKILL: no shutdown hooks, no deleteOnExit
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }
    try (Stream<Path> left = Files.list(temp)) {
      assertEquals(List.of(), left.toList(), "nothing left in the temp folder");
    }
  }
}
