package io.mouthpiece.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks where a command will write before it does any work, so a typo costs no analysis. */
final class OutputPath {
  private OutputPath() {}

  /**
   * Throws, naming {@code option} and the folder, unless {@code file} can be written: its folder
   * exists and is writable, and it is not itself a folder.
   */
  static void check(String option, Path file) {
    Path absolute = file.toAbsolutePath();
    Path folder = absolute.getParent();
    if (Files.isDirectory(absolute)) {
      throw new IllegalArgumentException(option + ": " + file + " is a folder; give a file name, e.g. " + file.resolve("out.mp4"));
    }
    if (folder == null || !Files.isDirectory(folder)) {
      throw new IllegalArgumentException(option + ": the folder " + folder + " does not exist (create it, or write elsewhere)");
    }
    if (!Files.isWritable(folder)) {
      throw new IllegalArgumentException(option + ": the folder " + folder + " is not writable");
    }
  }
}
