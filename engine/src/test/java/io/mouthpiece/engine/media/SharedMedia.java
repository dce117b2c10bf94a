package io.mouthpiece.engine.media;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's shared media; tests that need it are skipped when it is absent. */
final class SharedMedia {
  private SharedMedia() {}

  /** The shared folder: the {@code mouthpiece.shared} property, else ../../shared, else /work/shared. */
  static Path root() {
    String property = System.getProperty("mouthpiece.shared");
    for (Path candidate : new Path[] {
        property == null ? null : Path.of(property), Path.of("../../shared"), Path.of("/work/shared")}) {
      if (candidate != null && Files.isDirectory(candidate.resolve("media"))) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    return null;
  }

  /** A file under shared/media, or the calling test is skipped with a message saying what is missing. */
  static Path file(String relative) {
    Path root = root();
    assumeTrue(root != null, "shared media folder not found (set -Dmouthpiece.shared=...): skipping");
    Path file = root.resolve("media").resolve(relative);
    assumeTrue(Files.isRegularFile(file), "shared media file missing: " + file + ": skipping");
    return file;
  }
}
