package io.mouthpiece.server.task;

import io.mouthpiece.engine.rules.RequestValue;
import io.mouthpiece.engine.rules.ValueNames;
import io.mouthpiece.engine.rules.Violation;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The engine's request values under the names of Kling's API (kling-api.md §2), so a broken rule
 * names the field the client sent: {@code face_choose[1].sound_start_time: must be at least 0 ms}.
 */
public final class KlingNames implements ValueNames {
  private final IntFunction<String> fieldOfDub;
  private final IntFunction<String> audioOfDub;

  /**
   * @param fieldOfDub the field each dub's values came in, put before their names: "face_choose[0]." or "input."
   * @param audioOfDub the name of each dub's audio field, when not sound_file (the older endpoint's
   *     audio_url or audio_file); null where it is
   */
  public KlingNames(IntFunction<String> fieldOfDub, IntFunction<String> audioOfDub) {
    this.fieldOfDub = fieldOfDub;
    this.audioOfDub = audioOfDub;
  }

  /** An advanced lip-sync's dubs: the items of face_choose. */
  public static KlingNames faceChoose() {
    return new KlingNames(dub -> "face_choose[" + dub + "].", dub -> null);
  }

  /** The older endpoint's one dub, whose audio came in {@code audioField} (audio_url or audio_file). */
  public static KlingNames lipSync(String audioField) {
    return new KlingNames(dub -> "input.", dub -> audioField);
  }

  /**
   * A task's dubs, each under the field its plan recorded. The older endpoint's audio is named
   * audio_url when fetched, else audio_file (held audio given as one of our own URLs is named so too).
   */
  public static KlingNames of(TaskPlan plan) {
    return new KlingNames(dub -> plan.dubs().get(dub).field(), dub -> {
      TaskPlan.Dub d = plan.dubs().get(dub);
      return d.faceId() == null && "input.".equals(d.field()) ? (d.audioUrl() != null ? "audio_url" : "audio_file") : null;
    });
  }

  @Override
  public String of(RequestValue value) {
    return switch (value) {
      case FACE -> "face_id";
      case AUDIO -> "sound_file";
      case AUDIO_START -> "sound_start_time";
      case AUDIO_END -> "sound_end_time";
      case INSERT -> "sound_insert_time";
      case GAIN -> "sound_volume";
      case ORIGINAL_GAIN -> "original_audio_volume";
      case SYNC_MODE -> "sync_mode";
    };
  }

  /** Kling repeats original_audio_volume in every face_choose item, so it too is named by its item. */
  @Override
  public String of(int dub, RequestValue value) {
    String audio = value == RequestValue.AUDIO ? audioOfDub.apply(dub) : null;
    return fieldOfDub.apply(dub) + (audio != null ? audio : of(value));
  }

  /** The violations as the API's message: one sentence each, joined by "; ". */
  public String message(List<Violation> violations) {
    return Violation.messages(violations, this);
  }
}
