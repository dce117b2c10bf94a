package io.mouthpiece.server.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.testing.Prerequisite;
import io.mouthpiece.engine.testing.TestMedia;
import io.mouthpiece.server.Api;
import io.mouthpiece.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kling's text2video on the machine: the words are spoken by the real espeak-ng when the task is
 * created, and the task dubs them; every wrong value is refused naming its field; a service
 * without a synthesiser says so; our speech endpoint gives the same sound as a file.
 */
class TextToVideoTest {
  static final String WORDS = "Good morning. This sentence was spoken on this very machine, with no cloud at all.";

  static TestServer server;
  static String key;
  static String videoId;

  @TempDir static Path temp;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of());
    key = server.keys.apiKey();
    Api.Answer video = server.api.upload("/v1/files", key, TestMedia.video("retalking_face2.mp4"));
    assertEquals(200, video.status(), video.message());
    videoId = video.data().path("file_id").asText();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }


  private static String text2video(String fields) {
    return "{\"input\": {\"video_id\": \"" + videoId + "\", \"mode\": \"text2video\"" + fields + "}}";
  }

  private static String words(String text, String voice, String language, String speed) {
    return ", \"text\": \"" + text + "\", \"voice_id\": \"" + voice + "\", \"voice_language\": \"" + language + "\""
        + (speed == null ? "" : ", \"voice_speed\": " + speed);
  }

  private static void expect(Api.Answer a, String message) {
    assertEquals(400, a.status(), a.message());
    assertEquals(1201, a.code(), a.message());
    assertTrue(a.message().startsWith(message), "expected '" + message + "', got '" + a.message() + "'");
  }

  @Test
  void aTaskDubsTheSpokenWordsAndTheSpeechEndpointGivesTheSameSound() throws Exception {
    Prerequisite.requireEspeak();
    Prerequisite.requireEspeakLibrary();
    Api.Answer created = server.api.post("/v1/videos/lip-sync", key, text2video(words(WORDS, "en_us_female", "en", "1.2")));
    assertEquals(200, created.status(), created.message());
    String id = created.data().path("task_id").asText();
    JsonNode task = server.api.awaitFinal("/v1/videos/lip-sync/" + id, key, Duration.ofMinutes(4));
    assertEquals("succeed", task.path("task_status").asText(), task.toString());
    // The words are known, and the synthesiser told their phonemes: they drove the mouth, kept with the task.
    assertEquals("phonemes", task.path("task_result").path("quality").get(0).path("mouth_driven_by").asText(),
        task.path("task_result").toString());

    // The sound the task dubbed is the text spoken: the same as our speech endpoint makes of it.
    String taskAudio = task.path("task_input").path("face_choose").get(0).path("audio_url").asText();
    Api.Answer spoken = server.api.post("/v1/speech", key, "{" + words(WORDS, "en_us_female", "en", "1.2").substring(1) + "}");
    assertEquals(200, spoken.status(), spoken.message());
    assertEquals("audio", spoken.data().path("kind").asText());
    PcmAudio inTask = decode(server.api.download(taskAudio, null).bytes(), "task.wav");
    PcmAudio fromEndpoint = decode(server.api.download(spoken.data().path("url").asText(), null).bytes(), "speech.wav");
    // The library's lengths vary by a few ms from one synthesis to the next in one process.
    assertEquals(fromEndpoint.durationMs(), inTask.durationMs(), 25, "the same words, voice and speed");
    assertTrue(inTask.durationMs() > 2_500 && inTask.durationMs() < 5_000, inTask.durationMs() + " ms of speech");

    // The result is the whole video, with the speech in its soundtrack.
    Path result = temp.resolve("result.mp4");
    Files.write(result, server.api.download(task.path("task_result").path("videos").get(0).path("url").asText(), null).bytes());
    try (VideoReader r = VideoReader.open(result)) {
      assertEquals(5.0, r.info().durationUs() / 1e6, 0.1);
    }
    // Slower speech lasts longer: the speed reached the synthesiser.
    Api.Answer slow = server.api.post("/v1/speech", key, "{" + words(WORDS, "en_us_female", "en", "0.8").substring(1) + "}");
    assertTrue(slow.data().path("duration").asDouble() > spoken.data().path("duration").asDouble() * 1.3,
        slow.data() + " against " + spoken.data());
  }

  private static PcmAudio decode(byte[] bytes, String name) throws Exception {
    Path f = temp.resolve(name);
    Files.write(f, bytes);
    return AudioReader.decode(f, 16_000, 1, 60_000);
  }

  @Test
  void everyWrongValueIsRefusedNamingItsField() {
    Prerequisite.requireEspeak(); // its last case speaks
    String long121 = "a".repeat(121);
    expect(server.api.post("/v1/videos/lip-sync", key, text2video(words(long121, "en_us_male", "en", null))),
        "input.text: at most 120 characters (got 121)");
    expect(server.api.post("/v1/videos/lip-sync", key, text2video(words("Hello there.", "genshin_vindi2", "en", null))),
        "input.voice_id: no voice 'genshin_vindi2' here; the voices are en_us_male (en), en_us_female (en)");
    expect(server.api.post("/v1/videos/lip-sync", key, text2video(words("Hello there.", "zh_male", "en", null))),
        "input.voice_id: the voice zh_male speaks zh, not en (input.voice_language)");
    expect(server.api.post("/v1/videos/lip-sync", key, text2video(words("Hello there.", "en_us_male", "fr", null))),
        "input.voice_language: must be one of en, zh, got 'fr'");
    expect(server.api.post("/v1/videos/lip-sync", key, text2video(words("Hello there.", "en_us_male", "en", "2.5"))),
        "input.voice_speed: must be between 0.8 and 2.0 (got 2.5)");
    expect(server.api.post("/v1/videos/lip-sync", key, text2video(", \"voice_id\": \"en_us_male\", \"voice_language\": \"en\"")),
        "input.text: required");
    // Too few words to make the 2 s of speech a dub needs: the rule of any audio, on the text.
    expect(server.api.post("/v1/videos/lip-sync", key, text2video(words("Hi.", "en_us_male", "en", "2.0"))),
        "input.text: the audio must be 2000 to 60000 ms long (got ");
  }

  @Test
  void theVoicesAreListed() {
    Api.Answer voices = server.api.get("/v1/speech/voices", key);
    assertEquals(200, voices.status(), voices.message());
    assertEquals(6, voices.data().size(), voices.data().toString());
    assertEquals("zh", voices.data().get(4).path("voice_language").asText());
  }

  @Test
  void withoutASynthesiserText2videoSaysSo() throws Exception {
    try (TestServer bare = TestServer.start(Map.of("tts.command", "no-such-synthesiser -o {out}"))) {
      String k = bare.keys.apiKey();
      Api.Answer video = bare.api.upload("/v1/files", k, TestMedia.video("retalking_face2.mp4"));
      Api.Answer a = bare.api.post("/v1/videos/lip-sync", k, "{\"input\": {\"video_id\": \""
          + video.data().path("file_id").asText() + "\", \"mode\": \"text2video\"" + words("Hello there, how are you?",
          "en_us_male", "en", null) + "}}");
      expect(a, "input.text: cannot be spoken here, as no speech synthesiser is installed: the speech synthesiser"
          + " 'no-such-synthesiser' could not be started");
      assertEquals(0, bare.tempFiles().size(), "no temporary file left: " + bare.tempFiles());
    }
  }
}
