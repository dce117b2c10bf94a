package io.mouthpiece.app.cli;

import io.mouthpiece.engine.rules.RequestValue;
import io.mouthpiece.engine.speech.SpeechRequest;
import io.mouthpiece.engine.rules.ValueNames;

/**
 * The engine's request values under the options of {@code mouthpiece sync}, so a broken rule names
 * what the user typed: {@code --audio-end: must be at least 2000 ms after --audio-start}. With
 * several {@code --face} groups, a dub's option says which group it was typed in: {@code
 * --audio-end #2} is the second group's.
 */
final class OptionNames implements ValueNames {
  private final int dubs;

  /** @param dubs how many --face groups the command line had */
  OptionNames(int dubs) {
    this.dubs = dubs;
  }

  @Override
  public String of(RequestValue value) {
    return switch (value) {
      case FACE -> "--face";
      case AUDIO -> "--audio";
      case AUDIO_START -> "--audio-start";
      case AUDIO_END -> "--audio-end";
      case INSERT -> "--insert";
      case GAIN -> "--volume";
      case ORIGINAL_GAIN -> "--original-volume";
      case SYNC_MODE -> "--sync-mode";
    };
  }

  /** The option of a value of a request to speak (--text and the options beside it). */
  static String of(SpeechRequest.Value value) {
    return switch (value) {
      case TEXT -> "--text";
      case VOICE -> "--voice";
      case SPEED -> "--voice-speed";
    };
  }

  @Override
  public String of(int dub, RequestValue value) {
    // --original-volume is given once for the whole command.
    return dubs == 1 || value == RequestValue.ORIGINAL_GAIN ? of(value) : of(value) + " #" + (dub + 1);
  }
}
