package io.mouthpiece.server.task.api;

/** The body of the older {@code POST /v1/videos/lip-sync} (kling-api.md §4), as sent. */
public record LipSyncRequest(Input input, String callbackUrl, String externalTaskId) {
  /** Kling clients send {@code "external_task_id": ""} for none: it means absent. */
  public LipSyncRequest {
    externalTaskId = externalTaskId == null || externalTaskId.isEmpty() ? null : externalTaskId;
  }

  /** The older endpoint's input: a video and either audio (audio2video) or text (text2video). */
  public record Input(String videoUrl, String videoId, String mode, String audioType, String audioUrl, String audioFile,
      String text, String voiceId, String voiceLanguage, Double voiceSpeed) {}
}
