package io.mouthpiece.server.task.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.List;

/**
 * The body of {@code POST /v1/videos/advanced-lip-sync} (kling-api.md §2), as sent: nothing is
 * checked here but JSON types; {@link TaskRequests} checks the rules. Unknown fields are refused
 * by the JSON reader.
 */
public record AdvancedLipSyncRequest(String sessionId, List<FaceChoose> faceChoose, String callbackUrl,
    String externalTaskId, WatermarkInfo watermarkInfo) {
  /** Kling clients send {@code "external_task_id": ""} for none: it means absent. */
  public AdvancedLipSyncRequest {
    externalTaskId = externalTaskId == null || externalTaskId.isEmpty() ? null : externalTaskId;
  }

  /** One face to re-voice and its audio; sync_mode is ours (SyncMode), {@code ""} meaning absent as for external_task_id. */
  public record FaceChoose(String faceId, String audioId, String soundFile, Long soundStartTime, Long soundEndTime,
      Long soundInsertTime, Double soundVolume, @JsonAlias("original_sound_volume") Double originalAudioVolume,
      String syncMode) {
    public FaceChoose {
      syncMode = syncMode == null || syncMode.isEmpty() ? null : syncMode;
    }
  }

  /** Whether to also produce a visibly marked copy. */
  public record WatermarkInfo(Boolean enabled) {}
}
