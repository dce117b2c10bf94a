package io.mouthpiece.engine.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.testing.Prerequisite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's model fetch (models/fetch-models.mjs) refuses what it cannot trust, and says what to do. */
class ModelFetchTest {
  private static final Path SCRIPT = Path.of(System.getProperty("basedir", "."), "models", "fetch-models.mjs");

  @TempDir Path temp;

  private static Optional<Path> onPath(String program) {
    return Stream.of(System.getenv("PATH").split(":")).map(d -> Path.of(d, program)).filter(Files::isExecutable).findFirst();
  }

  private record Result(int exit, String output) {}

  private Result fetch(Map<String, String> env) throws Exception {
    Path node = onPath("node").orElse(null);
    Prerequisite.require(node != null, "node (Debian nodejs) on the PATH; .ci/run installs it");
    ProcessBuilder pb = new ProcessBuilder(node.toString(), SCRIPT.toString(), temp.resolve("out").toString())
        .redirectErrorStream(true).redirectOutput(temp.resolve("log.txt").toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new Result(p.exitValue(), Files.readString(temp.resolve("log.txt")));
  }

  @Test
  void withoutNpmTheBuildStopsAndSaysWhatToInstall() throws Exception {
    Result r = fetch(Map.of("PATH", temp.toString(), "XDG_CACHE_HOME", temp.resolve("cache").toString()));
    assertEquals(1, r.exit(), r.output());
    assertTrue(r.output().contains("npm was not found") && r.output().contains("install"), r.output());
    assertTrue(!Files.exists(temp.resolve("out/face_detection_short_range.tflite")), "no model written");
  }

  @Test
  void aTamperedPackageFailsTheChecksum() throws Exception {
    // A cached tarball whose detector model is not the published one.
    Path cache = temp.resolve("cache/mouthpiece/npm");
    Path pkg = temp.resolve("src/package");
    Files.createDirectories(pkg);
    Files.createDirectories(cache);
    Files.write(pkg.resolve("face_detection_short_range.tflite"), new byte[] {1, 2, 3, 4});
    Process tar = new ProcessBuilder("tar", "czf", cache.resolve("mediapipe-face_detection-0.4.1657300184.tgz").toString(),
        "-C", temp.resolve("src").toString(), "package").inheritIO().start();
    assertEquals(0, tar.waitFor());
    Result r = fetch(Map.of("XDG_CACHE_HOME", temp.resolve("cache").toString()));
    assertEquals(1, r.exit(), r.output());
    assertTrue(r.output().contains("face_detection_short_range.tflite") && r.output().contains("sha256")
        && r.output().contains("expected 3bc182eb"), r.output());
    assertTrue(r.output().contains("Delete"), "says what to do: " + r.output());
    assertTrue(!Files.exists(temp.resolve("out/face_detection_short_range.tflite")), "the bad model is not written");
  }

  @Test
  void theModelsInTheJarAreTheCheckedOnes() throws Exception {
    for (String name : List.of("face_detection_short_range.tflite", "face_detection_full_range.tflite", "face_landmark.tflite")) {
      try (var in = FaceMesh.class.getResourceAsStream("models/" + name)) {
        assertTrue(in != null, name + " is packed into the engine");
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
        String hex = java.util.HexFormat.of().formatHex(digest);
        String script = Files.readString(SCRIPT);
        assertTrue(script.contains(hex), name + " sha256 " + hex + " is the one the build checks");
      }
    }
  }
}
