package io.mouthpiece.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where the benchmark finds the project, the media and a java to run children with. */
final class Layout {
  private Layout() {}

  /** The project root: the benchmark jar lives in {@code bench/target/}. */
  static Path projectRoot() throws URISyntaxException {
    Path jar = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return jar.getParent().getParent().getParent();
  }

  /** Test media is made under bench/target/test-media from the media folder (the repository's by default). */
  static void pointTestMediaAt(Path root, Path media) {
    Path folder = media != null ? media : root.resolve("media");
    if (!Files.isDirectory(folder.resolve("video")) || !Files.isDirectory(folder.resolve("audio"))) {
      throw new IllegalArgumentException("--media: no video/ and audio/ folders in " + folder.toAbsolutePath());
    }
    if (!Files.isRegularFile(folder.resolve("SOURCES.tsv"))) {
      throw new IllegalArgumentException("--media: no SOURCES.tsv in " + folder.toAbsolutePath() + " (it names the clips)");
    }
    System.setProperty("mouthpiece.media", folder.toAbsolutePath().toString());
    System.setProperty("basedir", root.resolve("bench").toString());
  }

  /** The JVM flags the `mouthpiece` launcher runs the product with (its {@code jvm_flags=} line). */
  static List<String> launcherJvmFlags(Path root) throws IOException {
    for (String line : Files.readAllLines(root.resolve("mouthpiece"))) {
      if (line.startsWith("jvm_flags=\"") && line.endsWith("\"")) {
        String flags = line.substring("jvm_flags=\"".length(), line.length() - 1).trim();
        return flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"));
      }
    }
    throw new IllegalStateException("no jvm_flags=\"...\" line in " + root.resolve("mouthpiece"));
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A java command line that starts as the launcher's does: this JVM's java and the launcher's flags. */
  static List<String> javaAsLauncher(Path root) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(launcherJvmFlags(root));
    return command;
  }
}
