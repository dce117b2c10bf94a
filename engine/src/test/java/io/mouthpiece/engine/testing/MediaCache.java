package io.mouthpiece.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * The folder of made test media, {@code target/test-media/} of the module under test. A file is
 * made once and reused while it is there; it is written under a temporary name and renamed when
 * complete, so a file under its real name is always whole, even after a killed run.
 */
final class MediaCache {
  private MediaCache() {}

  /** Writes a file's content to the path it is given. */
  @FunctionalInterface
  interface Recipe {
    void make(Path out) throws Exception;
  }

  /** The cached file {@code name}, made first with {@code recipe} if absent. */
  static synchronized Path get(String name, Recipe recipe) {
    Path dir = Path.of(System.getProperty("basedir", ".")).resolve("target/test-media").toAbsolutePath();
    Path file = dir.resolve(name);
    if (Files.isRegularFile(file)) {
      return file;
    }
    Path part = null;
    try {
      Files.createDirectories(dir);
      deleteAbandonedParts(dir);
      part = Files.createTempFile(dir, name + ".", ".part");
      recipe.make(part);
      Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make test media " + file, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot make test media " + file + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(part);
    }
  }

  /** Temporary files over an hour old are from killed runs (a live one is minutes old at most). */
  private static void deleteAbandonedParts(Path dir) throws IOException {
    FileTime cutoff = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(p -> p.toString().endsWith(".part")).toList()) {
        if (Files.getLastModifiedTime(p).compareTo(cutoff) < 0) {
          deleteQuietly(p);
        }
      }
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      if (p != null) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // A leftover temporary file is harmless; a later run removes it.
    }
  }
}
