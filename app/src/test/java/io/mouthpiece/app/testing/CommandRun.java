package io.mouthpiece.app.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.app.cli.Main;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code mouthpiece} as a user runs it: a real process on the test's class path, in a folder of the
 * test's, with its exit code, stdout and stderr apart.
 */
public record CommandRun(int exit, String stdout, String stderr) {
  /** What {@link #viaLauncher} writes to stderr before the command starts. */
  public static final String SCRIPT_LINE = "a line of the calling script, before mouthpiece";

  /** Runs {@code mouthpiece ARGS} in {@code dir}; fails the test when it takes longer than {@code limit}. */
  public static CommandRun of(Path dir, Duration limit, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(Arrays.asList(args));
    return run(new ProcessBuilder(command), dir, limit, args);
  }

  /**
   * Runs {@code ./mouthpiece ARGS}, the repository's launcher script, as the README does, but from
   * the test's class path instead of a built jar (its {@code MOUTHPIECE_CLASSPATH}).
   */
  public static CommandRun viaLauncher(Path dir, Duration limit, String... args) throws Exception {
    Path launcher = TestMedia.media().toAbsolutePath().getParent().resolve("mouthpiece");
    // As from a script whose stderr goes to a log: a line is in the file before the command's own.
    List<String> command = new ArrayList<>(List.of("bash", "-c", "echo '" + SCRIPT_LINE + "' >&2; exec bash \"$0\" \"$@\"",
        launcher.toString()));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("MOUTHPIECE_CLASSPATH", System.getProperty("java.class.path"));
    return run(builder, dir, limit, args);
  }

  private static CommandRun run(ProcessBuilder builder, Path dir, Duration limit, String... args) throws Exception {
    // The analysis cache's default home is the test's own folder, never the user's ~/.cache.
    builder.environment().put("XDG_CACHE_HOME", dir.toAbsolutePath().resolve(".cache").toString());
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Process p = builder.directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    assertTrue(!p.isAlive() && p.exitValue() >= 0, "mouthpiece " + String.join(" ", args) + " did not finish in " + limit);
    return new CommandRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
