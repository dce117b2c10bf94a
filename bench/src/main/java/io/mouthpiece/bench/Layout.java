package io.mouthpiece.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the benchmark finds the project, the shared media and a java to run children with. */
final class Layout {
  private Layout() {}

  /** The project root: the benchmark jar lives in {@code bench/target/}. */
  static Path projectRoot() throws URISyntaxException {
    Path jar = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return jar.getParent().getParent().getParent();
  }

  /** Test media is made under bench/target/test-media from the shared folder. */
  static void pointTestMediaAt(Path root, Path shared) {
    Path folder = shared != null ? shared : root.resolveSibling("shared");
    if (!Files.isDirectory(folder.resolve("media"))) {
      throw new IllegalArgumentException("--shared: no media folder in " + folder.toAbsolutePath());
    }
    System.setProperty("mouthpiece.shared", folder.toAbsolutePath().toString());
    System.setProperty("basedir", root.resolve("bench").toString());
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
