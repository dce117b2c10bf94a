package io.mouthpiece.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mouthpiece bench}: the benchmarks, each printing its figures beside the machine's floor. */
@Command(name = "mouthpiece bench", mixinStandardHelpOptions = true,
    description = "Benchmarks on this machine; each prints ratios against FFmpeg's own work on the same file.",
    subcommands = {IdentifyBench.class, SyncBench.class})
public final class Bench {
  public static void main(String[] args) {
    System.exit(new CommandLine(new Bench()).execute(args));
  }
}
