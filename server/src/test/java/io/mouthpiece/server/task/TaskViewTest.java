package io.mouthpiece.server.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The task as the API shows it, from both ways its result has been stored. */
class TaskViewTest {
  private final TaskView view = new TaskView(() -> "http://host");

  private static Task succeeded(String resultJson) {
    return new Task("t1", "a1", Task.ADVANCED, null, TaskStatus.SUCCEED, "", 100, null, null, null, resultJson, 1, 1, 2, 3);
  }

  @Test
  void aResultStoredBeforeTheQualityReportShowsItsVideosAndNoQuality() {
    JsonNode result = view.render(succeeded("[" + TaskView.fileRef("r1", null, 5040) + "]")).path("task_result");
    assertEquals("http://host/v1/files/r1/content", result.path("videos").get(0).path("url").asText());
    assertEquals("5.04", result.path("videos").get(0).path("duration").asText());
    assertFalse(result.has("quality"), result.toString());
  }

  @Test
  void aResultWithItsQualityShowsBoth() throws Exception {
    JsonNode quality = new ObjectMapper().readTree("[{\"face_id\": \"0\", \"verdict\": \"good\"}]");
    JsonNode result = view.render(succeeded(TaskView.result(List.of(TaskView.fileRef("r1", "w1", 5040)), quality)))
        .path("task_result");
    assertEquals("http://host/v1/files/w1/content", result.path("videos").get(0).path("watermark_url").asText());
    assertEquals(quality, result.path("quality"));
  }
}
