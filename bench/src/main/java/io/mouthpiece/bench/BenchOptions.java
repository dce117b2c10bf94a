package io.mouthpiece.bench;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every benchmark takes: where the media is, which lengths, how many runs. */
final class BenchOptions {
  @Option(names = "--media", paramLabel = "DIR",
      description = "The media folder the clips are made from, with video/ and audio/ (default: the repository's media/).")
  Path media;

  @Option(names = "--lengths", split = ",", paramLabel = "S", description = "Clip lengths in seconds (default: 60,10).")
  int[] lengths = {60, 10};

  @Option(names = "--runs", description = "Runs of each measurement; the median is printed (default: 3).")
  int runs = 3;
}
