package io.mouthpiece.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mouthpiece.engine.LipSync;
import io.mouthpiece.engine.Progress;
import io.mouthpiece.engine.face.FaceTrack;
import io.mouthpiece.engine.face.IdentifyConfig;
import io.mouthpiece.engine.speaker.FacesFound;
import io.mouthpiece.engine.speaker.SpeakingRange;
import io.mouthpiece.engine.speaker.WhoSpeaks;
import io.mouthpiece.engine.testing.SpeakerClips;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * identify-face answers who speaks when, over real HTTP: each face's {@code speaking} ranges (the
 * engine's, whose attribution the engine's tests check on these clips), the {@code default_face_id}
 * a dub without a face takes, and {@code speaking_note} when nobody can be found speaking.
 */
class IdentifySpeakingTest {
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void twoFacesOneVoice() throws Exception {
    // retalking_face3 speaks on the left; retalking_face2 beside it moves its lips without a sound.
    Path clip = SpeakerClips.twoSpeakers("retalking_face3.mp4", "retalking_face2.mp4", Long.MAX_VALUE);
    JsonNode data = identify(clip);
    FacesFound engine = LipSync.identify(clip, IdentifyConfig.DEFAULT, Progress.NONE);
    JsonNode faces = data.path("face_data");
    assertEquals(2, faces.size(), data.toString());
    List<String> speakers = new ArrayList<>();
    for (JsonNode face : faces) {
      String id = face.path("face_id").asText();
      assertTrue(face.path("speaking").isArray(), face.toString());
      List<SpeakingRange> said = new ArrayList<>();
      face.path("speaking").forEach(r -> said.add(new SpeakingRange(r.path("start_time").asLong(), r.path("end_time").asLong())));
      assertEquals(engine.speaking().of(id), said, "face " + id);
      if (!said.isEmpty()) {
        speakers.add(id);
      }
    }
    assertEquals(1, speakers.size(), data.toString());
    assertEquals(speakers.get(0), data.path("default_face_id").asText());
    assertFalse(data.has("speaking_note"), data.toString());
  }

  @Test
  void aVideoWithoutSoundSaysSo() throws Exception {
    JsonNode data = identify(TestMedia.video("musetalk_sun.mp4"));
    assertFalse(data.path("face_data").isEmpty(), data.toString());
    for (JsonNode face : data.path("face_data")) {
      assertEquals(0, face.path("speaking").size(), face.toString());
    }
    assertEquals(WhoSpeaks.NO_SOUND, data.path("speaking_note").asText());
    assertEquals(data.path("face_data").get(0).path("face_id").asText(), data.path("default_face_id").asText(),
        "one face, the largest");
  }

  @Test
  void theOlderEndpointDubsTheFaceThatSpeaksNotTheLargest() throws Exception {
    // retalking_face3 speaks on the left, shown smaller; retalking_face2 beside it moves its lips without a sound.
    Path clip = SpeakerClips.twoSpeakers("retalking_face3.mp4", "retalking_face2.mp4", Long.MAX_VALUE, 0.7);
    FacesFound engine = LipSync.identify(clip, IdentifyConfig.DEFAULT, Progress.NONE);
    String speaker = engine.speaking().mostSpeaking().orElseThrow();
    FaceTrack largest = engine.faces().stream().max(Comparator.comparingDouble(FaceTrack::sizePx)).orElseThrow();
    assertNotEquals(largest.faceId(), speaker, "the speaker is not the largest face, so the test tells them apart");
    String key = server.keys.apiKey();
    String video = server.api.upload("/v1/files", key, clip).data().path("file_id").asText();
    String audio = server.api.upload("/v1/files", key, TestMedia.audio("retalking_1.wav")).data().path("url").asText();
    Api.Answer created = server.api.post("/v1/videos/lip-sync", key, "{\"input\": {\"video_id\": \"" + video
        + "\", \"mode\": \"audio2video\", \"audio_type\": \"url\", \"audio_url\": \"" + audio + "\"}}");
    assertEquals(200, created.status(), created.message());
    JsonNode task = server.api.awaitFinal("/v1/videos/lip-sync/" + created.data().path("task_id").asText(), key,
        Duration.ofMinutes(3));
    assertEquals("succeed", task.path("task_status").asText(), task.toString());
    // The quality report names the face the task dubbed.
    assertEquals(speaker, task.path("task_result").path("quality").get(0).path("face_id").asText(), task.toString());
  }

  private static JsonNode identify(Path video) throws Exception {
    return server.api.identified(server.keys.apiKey(), video);
  }
}
