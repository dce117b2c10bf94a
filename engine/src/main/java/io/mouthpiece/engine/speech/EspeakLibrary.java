package io.mouthpiece.engine.speech;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * espeak-ng as a library (Debian's libespeak-ng1, through JNA): one synthesis gives both the sound
 * and its phonemes with their times, which the espeak-ng program cannot print (only with MBROLA
 * voices). In: a voice name as espeak-ng takes it ("en-us+f3"), words a minute, the text. Out: 16-bit
 * mono samples and the phonemes on their timeline. The library keeps global state and is not
 * thread-safe, so every call holds one lock for the process; it is initialised once. It speaks only
 * in a process of its own ({@link EspeakSpeaker}, started by {@link ChildSpeech}), never in the
 * service's: its native code reads untrusted text.
 */
public final class EspeakLibrary {
  /** What one synthesis made: the sound (16-bit mono at {@code sampleRate}) and its phonemes, ms from its start. */
  public record Spoken(short[] samples, int sampleRate, List<Phoneme> phonemes) {
    public Spoken {
      phonemes = List.copyOf(phonemes);
    }

    /** Writes the sound as a 16-bit PCM WAV file, as the espeak-ng program's {@code -w} does. */
    public void writeWav(Path out) throws IOException {
      int dataBytes = samples.length * 2;
      ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
      b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes).put("WAVE".getBytes(StandardCharsets.US_ASCII));
      b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
          .putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
      b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
      for (short s : samples) {
        b.putShort(s);
      }
      try (OutputStream o = Files.newOutputStream(out)) {
        o.write(b.array());
      }
    }
  }

  /** speak_lib.h's entry points, API revision 12 (espeak-ng 1.49 onwards). */
  private interface Espeak extends Library {
    int espeak_Initialize(int output, int bufLengthMs, String path, int options);

    void espeak_SetSynthCallback(SynthCallback callback);

    int espeak_SetVoiceByName(String name);

    int espeak_SetVoiceByProperties(Pointer voiceSpec);

    int espeak_SetParameter(int parameter, int value, int relative);

    int espeak_Synth(Pointer text, NativeLong size, int position, int positionType, int endPosition, int flags,
        Pointer uniqueIdentifier, Pointer userData);

    int espeak_Synchronize();
  }

  /** t_espeak_callback: a buffer of samples and the events in it; returns 0 to go on. */
  private interface SynthCallback extends Callback {
    int invoke(Pointer wav, int numSamples, Pointer events);
  }

  private static final int AUDIO_OUTPUT_SYNCHRONOUS = 2;
  private static final int INITIALIZE_PHONEME_EVENTS = 0x0001;
  /** Without it the library calls exit() when its data is missing, which would end the JVM. */
  private static final int INITIALIZE_DONT_EXIT = 0x8000;
  private static final int EVENT_LIST_TERMINATED = 0;
  private static final int EVENT_PHONEME = 7;
  private static final int PARAMETER_RATE = 1;
  private static final int POS_CHARACTER = 1;
  /** UTF-8 text, and the pause at the end that the espeak-ng program adds too (so the sound is the same). */
  private static final int SYNTH_FLAGS = 0x0001 | 0x1000;
  /**
   * espeak_EVENT's layout: type, unique_identifier, text_position, length, audio_position, sample
   * (six 4-byte ints), then user_data (a pointer), then the union id, 8 bytes (char string[8]),
   * aligned as a pointer is. 40 bytes on x86_64.
   */
  private static final int AUDIO_POSITION_OFFSET = 16;
  private static final int ID_OFFSET = 24 + Native.POINTER_SIZE;
  private static final int EVENT_SIZE = align(ID_OFFSET + 8, Native.POINTER_SIZE);

  private static final Object LOCK = new Object();
  private static EspeakLibrary loaded;
  private static SpeechException failedToLoad;

  private final Espeak espeak;
  private final int sampleRate;
  /** Held here so the native side's pointer to it stays valid as long as the library is used. */
  private final SynthCallback callback;
  /** The synthesis running now (under {@link #LOCK}): what the callback appends to. */
  private Collector current;

  /** What the callback gathers during one synthesis. */
  private static final class Collector {
    final List<short[]> buffers = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    final List<Integer> timesMs = new ArrayList<>();
    int samples;
  }

  private EspeakLibrary(Espeak espeak, int sampleRate) {
    this.espeak = espeak;
    this.sampleRate = sampleRate;
    this.callback = this::received;
  }

  /**
   * The library, loaded and initialised on first use.
   *
   * @throws SpeechException NO_SYNTHESISER when libespeak-ng (or its data) is not on this machine,
   *     saying so every time after the first attempt too
   */
  public static EspeakLibrary get() throws SpeechException {
    synchronized (LOCK) {
      if (loaded == null && failedToLoad == null) {
        try {
          Espeak e = Native.load("espeak-ng", Espeak.class);
          int rate = e.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, null,
              INITIALIZE_PHONEME_EVENTS | INITIALIZE_DONT_EXIT);
          if (rate <= 0) {
            failedToLoad = new SpeechException(SpeechException.Kind.NO_SYNTHESISER,
                "libespeak-ng found no voice data (espeak_Initialize returned " + rate + ")");
          } else {
            EspeakLibrary lib = new EspeakLibrary(e, rate);
            e.espeak_SetSynthCallback(lib.callback);
            loaded = lib;
          }
        } catch (LinkageError e) {
          // No library, or JNA's own stub could not be loaded (e.g. a temp directory mounted noexec).
          failedToLoad = new SpeechException(SpeechException.Kind.NO_SYNTHESISER,
              "libespeak-ng is not installed (Debian: apt-get install libespeak-ng1): " + e.getMessage(), e);
        }
      }
      if (failedToLoad != null) {
        throw failedToLoad;
      }
      return loaded;
    }
  }

  /**
   * Speaks {@code text} in the voice ({@code name} or {@code name+variant}, as {@code espeak-ng -v}
   * takes it) at {@code wordsPerMinute}.
   *
   * @throws SpeechException FAILED when the voice is unknown or the synthesis fails or makes no sound
   */
  Spoken speak(String voice, int wordsPerMinute, String text) throws SpeechException {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    Memory buffer = new Memory(utf8.length + 1L);
    buffer.write(0, utf8, 0, utf8.length);
    buffer.setByte(utf8.length, (byte) 0);
    Collector got = new Collector();
    synchronized (LOCK) {
      if (!setVoice(voice)) {
        throw new SpeechException(SpeechException.Kind.FAILED, "libespeak-ng has no voice '" + voice + "'");
      }
      espeak.espeak_SetParameter(PARAMETER_RATE, wordsPerMinute, 0);
      current = got;
      try {
        int error = espeak.espeak_Synth(buffer, new NativeLong(utf8.length + 1L), 0, POS_CHARACTER, 0, SYNTH_FLAGS,
            null, null);
        espeak.espeak_Synchronize();
        if (error != 0) {
          throw new SpeechException(SpeechException.Kind.FAILED, "libespeak-ng failed to speak (error " + error + ")");
        }
      } finally {
        current = null;
      }
    }
    if (got.samples == 0) {
      throw new SpeechException(SpeechException.Kind.FAILED, "libespeak-ng made no sound");
    }
    short[] samples = new short[got.samples];
    int at = 0;
    for (short[] b : got.buffers) {
      System.arraycopy(b, 0, samples, at, b.length);
      at += b.length;
    }
    return new Spoken(samples, sampleRate, phonemes(got, samples.length * 1000L / sampleRate));
  }

  /**
   * Selects the voice as the espeak-ng program does for {@code -v}: by its name, else as a language
   * (with a variant after "+", e.g. "en-gb+f3", which only the language lookup understands).
   * espeak_VOICE's layout: name, languages, identifier (pointers), gender, age, variant, xx1 (bytes),
   * score (int), spare (pointer).
   */
  private boolean setVoice(String voice) {
    if (espeak.espeak_SetVoiceByName(voice) == 0) {
      return true;
    }
    int p = Native.POINTER_SIZE;
    Memory spec = new Memory(align(3 * p + 8, p) + p);
    spec.clear();
    byte[] utf8 = voice.getBytes(StandardCharsets.UTF_8);
    Memory language = new Memory(utf8.length + 1L);
    language.write(0, utf8, 0, utf8.length);
    language.setByte(utf8.length, (byte) 0);
    spec.setPointer(p, language);
    return espeak.espeak_SetVoiceByProperties(spec) == 0;
  }

  /**
   * The phoneme events as spans: each ends where the next starts, the last at the sound's end.
   * Language switches ("(en)", "(cmn)") are markers, not sounds, and are left out before the spans
   * are made, so the sound before one runs on to the next; markers of no length (a word boundary
   * "_|" at the next sound's time) are left out too.
   */
  private static List<Phoneme> phonemes(Collector got, long endMs) {
    List<String> names = new ArrayList<>();
    List<Long> starts = new ArrayList<>();
    for (int i = 0; i < got.names.size(); i++) {
      if (!got.names.get(i).startsWith("(")) {
        names.add(got.names.get(i));
        starts.add(Math.min((long) got.timesMs.get(i), endMs));
      }
    }
    List<Phoneme> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      long end = i + 1 < names.size() ? starts.get(i + 1) : endMs;
      if (end > starts.get(i)) {
        out.add(new Phoneme(names.get(i), starts.get(i), end));
      }
    }
    return out;
  }

  /** The native callback, on the caller's thread inside espeak_Synth (synchronous mode). */
  private int received(Pointer wav, int numSamples, Pointer events) {
    Collector c = current;
    if (c == null) {
      return 1;
    }
    if (wav != null && numSamples > 0) {
      c.buffers.add(wav.getShortArray(0, numSamples));
      c.samples += numSamples;
    }
    for (long off = 0; events != null; off += EVENT_SIZE) {
      int type = events.getInt(off);
      if (type == EVENT_LIST_TERMINATED) {
        break;
      }
      if (type == EVENT_PHONEME) {
        c.names.add(mnemonic(events.getByteArray(off + ID_OFFSET, 8)));
        c.timesMs.add(events.getInt(off + AUDIO_POSITION_OFFSET));
      }
    }
    return 0;
  }

  /** id.string: UTF-8, ended by a zero byte unless the name takes all 8 (the rest may hold an older name's bytes). */
  private static String mnemonic(byte[] raw) {
    int n = 0;
    while (n < raw.length && raw[n] != 0) {
      n++;
    }
    return new String(raw, 0, n, StandardCharsets.UTF_8);
  }

  private static int align(int offset, int to) {
    return (offset + to - 1) / to * to;
  }
}
