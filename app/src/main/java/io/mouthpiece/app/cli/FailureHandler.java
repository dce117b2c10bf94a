package io.mouthpiece.app.cli;

import io.mouthpiece.engine.media.MediaException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one plain line on stderr and exit code 1. Bad input (a file that
 * is not a video, a wrong value) is the user's to fix and gets no stack trace; anything else is
 * a bug and shows its trace so it can be reported.
 */
final class FailureHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    if (e instanceof MediaException || e instanceof IllegalArgumentException || e instanceof java.io.IOException
        || e instanceof io.javalin.util.JavalinBindException) {
      cli.getErr().println("mouthpiece: " + e.getMessage());
    } else {
      cli.getErr().println("mouthpiece: internal error (please report): " + e);
      e.printStackTrace(cli.getErr());
    }
    return 1;
  }
}
