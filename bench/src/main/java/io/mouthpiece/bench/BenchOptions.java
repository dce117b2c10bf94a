package io.mouthpiece.bench;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every benchmark takes: where the shared media is, which lengths, how many runs. */
final class BenchOptions {
  @Option(names = "--shared", paramLabel = "DIR", description = "The shared folder (default: ../shared beside the project).")
  Path shared;

  @Option(names = "--lengths", split = ",", paramLabel = "S", description = "Clip lengths in seconds (default: 60,10).")
  int[] lengths = {60, 10};

  @Option(names = "--runs", description = "Runs of each measurement; the median is printed (default: 3).")
  int runs = 3;
}
