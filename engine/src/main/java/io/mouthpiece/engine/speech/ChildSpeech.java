package io.mouthpiece.engine.speech;

import com.sun.jna.Native;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * libespeak-ng's speech and phonemes, made in a child JVM ({@link EspeakSpeaker}), one a synthesis:
 * the library runs native code on the user's text, and a crash or a hang there must fail that one
 * synthesis, not the service. The child is bounded like any synthesiser ({@link BoundedProcess}) and
 * what it tells is checked ({@link PhonemeLines}).
 */
final class ChildSpeech {
  private static final System.Logger LOG = System.getLogger(ChildSpeech.class.getName());
  /**
   * A small, quick JVM: one synthesis needs a few MB, and C1 alone starts sooner. VM warnings go to
   * standard error so that standard output holds only the phonemes; a crash leaves no core dump.
   */
  static final List<String> JVM_FLAGS = List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "-XX:+DisplayVMOutputToStderr", "-XX:-CreateCoredumpOnCrash");
  /** Lines of at most ~30 bytes for at most {@link PhonemeLines#MAX_PHONEMES} phonemes. */
  private static final int MAX_PRINTED_BYTES = 128 * 1024;

  private final Class<?> speaker;
  /** Why the library did not load in a child, once it did not: it will not in the next one either. */
  private volatile String unavailable;

  /** {@code speaker}: the child's main, {@link EspeakSpeaker} but in tests. */
  ChildSpeech(Class<?> speaker) {
    this.speaker = speaker;
  }

  /**
   * Speaks {@code text} into {@code out}, a WAV file, in a child process given {@code timeout}.
   *
   * @return the phonemes of the sound written; empty when the library is missing or would not speak
   *     this (logged: the caller has the espeak-ng program speak instead, and mouths follow the sound)
   * @throws SpeechException FAILED when the child crashed, took too long, or wrote or told nonsense
   */
  Optional<List<Phoneme>> speak(String voice, int wordsPerMinute, String text, Path out, Duration timeout)
      throws SpeechException {
    if (unavailable != null) {
      return fallBack(unavailable);
    }
    Path crashLog = out.resolveSibling(out.getFileName() + ".crash.log");
    BoundedProcess.Ended ended;
    try {
      Files.deleteIfExists(out);
      ended = BoundedProcess.run(process(voice, wordsPerMinute, out, crashLog),
          text.getBytes(StandardCharsets.UTF_8), timeout, MAX_PRINTED_BYTES);
    } catch (IOException e) {
      throw new SpeechException(SpeechException.Kind.FAILED, "the speech synthesiser's process could not be started: "
          + e.getMessage(), e);
    } finally {
      // The JVM's crash report: its summary is in the error output, logged below; the file would pile up.
      deleteQuietly(crashLog);
    }
    switch (ended.exit()) {
      case 0:
        break;
      case EspeakSpeaker.EXIT_NO_LIBRARY:
        unavailable = ended.err();
        return fallBack(ended.err());
      case EspeakSpeaker.EXIT_REFUSED:
        return fallBack(ended.err());
      default:
        LOG.log(System.Logger.Level.WARNING, "libespeak-ng's process ended with exit " + ended.exit() + ": "
            + ended.err());
        throw new SpeechException(SpeechException.Kind.FAILED, "the speech synthesiser crashed on this text ("
            + (ended.exit() > 128 ? "signal " + (ended.exit() - 128) : "exit " + ended.exit()) + ")");
    }
    if (ended.outCut()) {
      throw new SpeechException(SpeechException.Kind.FAILED, "the speech synthesiser told more than "
          + MAX_PRINTED_BYTES + " bytes of phonemes");
    }
    Synthesiser.requireSound(out, ended.err());
    return Optional.of(PhonemeLines.parse(ended.outText(), soundMs(out)));
  }

  private ProcessBuilder process(String voice, int wordsPerMinute, Path out, Path crashLog) {
    List<String> argv = new ArrayList<>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.addAll(JVM_FLAGS);
    argv.add("-XX:ErrorFile=" + crashLog.toAbsolutePath());
    // Where the library and JNA's own stub are looked for and unpacked, as the operator set it for the service.
    System.getProperties().stringPropertyNames().stream()
        .filter(k -> k.startsWith("jna.") || k.equals("java.io.tmpdir") || k.equals("java.library.path"))
        .sorted().forEach(k -> argv.add("-D" + k + "=" + System.getProperty(k)));
    argv.addAll(List.of("-cp", classPath(speaker, EspeakSpeaker.class, Native.class), speaker.getName(), voice,
        Integer.toString(wordsPerMinute), out.toAbsolutePath().toString()));
    ProcessBuilder builder = new ProcessBuilder(argv);
    Map<String, String> env = builder.environment();
    // The service's heap, agents or debugger are not the child's: its few flags above are all it takes.
    env.remove("JAVA_TOOL_OPTIONS");
    env.remove("JDK_JAVA_OPTIONS");
    env.remove("_JAVA_OPTIONS");
    return builder;
  }

  /**
   * Where these classes were loaded from, the jar or folder of each: exact whatever this JVM was
   * started with (java.class.path is just the jar under {@code java -jar}, whose manifest names the
   * rest, and a booter jar under surefire).
   */
  static String classPath(Class<?>... classes) {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> c : classes) {
      Optional<String> at = location(c);
      if (at.isEmpty()) {
        // Loaded from no jar or folder this JVM can name: the class path it was started with must do.
        return System.getProperty("java.class.path");
      }
      entries.add(at.get());
    }
    return String.join(File.pathSeparator, entries);
  }

  private static Optional<String> location(Class<?> c) {
    CodeSource source = c.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(source.getLocation().toURI()).toString());
    } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      return Optional.empty();
    }
  }

  /** The length of the WAV the child wrote, from its header, as {@link EspeakLibrary.Spoken#writeWav} writes it. */
  private static long soundMs(Path wav) throws SpeechException {
    try (InputStream in = Files.newInputStream(wav)) {
      ByteBuffer header = ByteBuffer.wrap(in.readNBytes(44)).order(ByteOrder.LITTLE_ENDIAN);
      int rate = header.getInt(24);
      long dataBytes = Files.size(wav) - 44;
      if (rate <= 0 || header.getShort(22) != 1 || header.getShort(34) != 16 || header.getInt(40) != dataBytes) {
        throw new SpeechException(SpeechException.Kind.FAILED, "the speech synthesiser wrote a WAV file it should not");
      }
      return dataBytes / 2 * 1000 / rate;
    } catch (IOException e) {
      throw new SpeechException(SpeechException.Kind.FAILED, "the speech could not be read: " + e.getMessage(), e);
    }
  }

  private static Optional<List<Phoneme>> fallBack(String why) {
    LOG.log(System.Logger.Level.WARNING, "speaking with the espeak-ng program instead of its library, without "
        + "phonemes (mouths follow the sound): " + why);
    return Optional.empty();
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Only a crash report, in the synthesis's own temp folder.
    }
  }
}
