package io.mouthpiece.app.cli;

import io.mouthpiece.app.eval.EvalCommand;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.lang.reflect.Field;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mouthpiece} command: one subcommand per job. */
@Command(
    name = "mouthpiece",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Self-hosted lip-sync video: find faces, re-render a mouth to speak new audio; or serve the Kling lip-sync API.",
    subcommands = {IdentifyCommand.class, SyncCommand.class, EvalCommand.class, ServeCommand.class, AccountsCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "  bench     Speed benchmarks, side by side with FFmpeg (`mouthpiece bench --help`).",
        "", "Run `mouthpiece help COMMAND` for a command's options."})
public final class Main {
  public static void main(String[] args) {
    javaStderrOnOwnDescriptor();
    System.exit(run(args));
  }

  /**
   * The launcher filters one native notice out of the process's stderr (TensorFlow Lite writes it
   * there, past Java, with no switch to silence it) and hands Java a copy of the real stderr on
   * another descriptor, so that the progress bar's partial lines reach the terminal unfiltered.
   * Java writes to that descriptor itself: opening /dev/fd/N instead would truncate a redirected
   * log file and write from its start, over what was there.
   */
  private static void javaStderrOnOwnDescriptor() {
    String fd = System.getProperty("mouthpiece.stderrFd");
    if (fd == null || !fd.matches("[0-9]+")) {
      return;
    }
    try {
      FileDescriptor inherited = new FileDescriptor();
      Field number = FileDescriptor.class.getDeclaredField("fd"); // the launcher opens java.io for this
      number.setAccessible(true);
      number.setInt(inherited, Integer.parseInt(fd));
      System.setErr(new PrintStream(new FileOutputStream(inherited), true, StandardCharsets.UTF_8));
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Then Java's lines take the filtered way: a progress bar shows only at each line's end.
    }
  }

  /** Runs a command line and returns its exit code: 0 done, 1 failed, 2 bad usage. */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new FailureHandler());
    // A usage mistake is one line naming it, not the whole usage: --help prints that, on stdout.
    cli.setParameterExceptionHandler((e, given) -> {
      String command = e.getCommandLine().getCommandSpec().qualifiedName();
      e.getCommandLine().getErr().println(command + ": " + e.getMessage() + " (`" + command + " --help` lists the options)");
      return 2;
    });
    return cli.execute(args);
  }
}
