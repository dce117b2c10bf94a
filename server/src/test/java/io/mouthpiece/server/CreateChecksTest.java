package io.mouthpiece.server;

import static io.mouthpiece.server.ServerValidationTest.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.AudioWriter;
import io.mouthpiece.engine.testing.TestMedia;
import io.mouthpiece.server.auth.AccountKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What can be known when a task is created is checked then (a 400 at once, not a task that fails
 * later): private URLs in every field, a held audio too short for the piece asked of it, a video
 * id that is not the caller's. And every message says what was wrong with what the client sent,
 * in the client's words: no temporary file names, no class names, no nested chains.
 */
class CreateChecksTest {
  @TempDir static Path temp;
  static TestServer server;
  static String key;
  static String sessionId;
  static String audioId;
  static String shortAudioId;
  static String threeSecondAudioId;
  static String videoId;
  static AccountKeys other;

  @BeforeAll
  static void start() throws Exception {
    // Private addresses refused, as by default: the client's URLs are never fetched from our network.
    server = TestServer.start(Map.of("fetch.allow-private-addresses", "false"));
    key = server.keys.apiKey();
    other = server.server.accounts().create("other");
    Api.Answer video = server.api.upload("/v1/files", key, TestMedia.video("retalking_face2.mp4"));
    videoId = video.data().path("file_id").asText();
    Api.Answer identified = server.api.post("/v1/videos/identify-face", key, "{\"video_id\": \"" + videoId + "\"}");
    assertEquals(200, identified.status(), identified.message());
    sessionId = identified.data().path("session_id").asText();
    audioId = server.api.upload("/v1/files", key, TestMedia.audio("retalking_1.wav")).data().path("file_id").asText();
    shortAudioId = uploadSlice(1500);
    threeSecondAudioId = uploadSlice(3000);
  }

  /** The first {@code ms} of a speech, uploaded: an audio the account holds, of a known length. */
  private static String uploadSlice(long ms) throws Exception {
    Path wav = temp.resolve(ms + ".wav");
    AudioWriter.writeWav(AudioReader.decode(TestMedia.audio("retalking_1.wav"), 16_000, 1, 60_000).slice(0, ms), wav);
    Api.Answer upload = server.api.upload("/v1/files", key, wav);
    assertEquals("audio", upload.data().path("kind").asText(), upload.message());
    return upload.data().path("file_id").asText();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static Api.Answer advanced(String audio, long end, String extra) {
    return server.api.post("/v1/videos/advanced-lip-sync", key, "{\"session_id\": \"" + sessionId + "\", \"face_choose\": [{"
        + "\"face_id\": \"0\", " + audio + ", \"sound_start_time\": 0, \"sound_end_time\": " + end
        + ", \"sound_insert_time\": 0}]" + extra + "}");
  }

  private static Api.Answer lipSync(String input) {
    return server.api.post("/v1/videos/lip-sync", key, "{\"input\": {" + input + "}}");
  }

  @Test
  void privateUrlsAreRefusedAtCreateInEveryField() {
    for (String url : new String[] {"http://127.0.0.1/a.wav", "http://10.0.0.1/a.wav", "http://169.254.169.254/latest",
        "http://[::1]/a.wav"}) {
      expect(advanced("\"sound_file\": \"" + url + "\"", 3000, ""), 400, 1201, "face_choose[0].sound_file: the host");
      expect(advanced("\"audio_id\": \"" + audioId + "\"", 3000, ", \"callback_url\": \"" + url + "\""), 400, 1201,
          "callback_url: the host");
      expect(lipSync("\"video_url\": \"" + url + "\", \"mode\": \"audio2video\", \"audio_type\": \"file\", \"audio_file\": \"x\""),
          400, 1201, "input.video_url: the host");
      expect(lipSync("\"video_id\": \"" + videoId + "\", \"mode\": \"audio2video\", \"audio_type\": \"url\", \"audio_url\": \""
          + url + "\""), 400, 1201, "input.audio_url: the host");
    }
    assertEquals(200, advanced("\"audio_id\": \"" + audioId + "\"", 3000, "").status(), "a public-only request still goes");
  }

  @Test
  void heldAudioTooShortForThePieceIsRefusedAtCreate() {
    expect(advanced("\"audio_id\": \"" + shortAudioId + "\"", 2000, ""), 400, 1201,
        "face_choose[0].sound_file: the audio must be 2000 to 60000 ms long (got 1500 ms)");
    expect(advanced("\"audio_id\": \"" + threeSecondAudioId + "\"", 4000, ""), 400, 1201,
        "face_choose[0].sound_end_time: must be at most the audio's length, 3000 ms (got 4000 ms)");
    // The older endpoint takes the whole audio: held already, its length is checked at create too.
    expect(lipSync("\"video_id\": \"" + videoId + "\", \"mode\": \"audio2video\", \"audio_type\": \"url\", "
        + "\"audio_url\": \"" + server.api.base() + "/v1/files/" + shortAudioId + "/content\""), 400, 1201,
        "input.audio_url: the audio must be 2000 to 60000 ms long (got 1500 ms)");
  }

  @Test
  void aVideoIdThatIsNotTheCallersIsNotFoundAtCreate() {
    String audio = ", \"mode\": \"audio2video\", \"audio_type\": \"url\", \"audio_url\": \"https://example.com/a.wav\"";
    expect(lipSync("\"video_id\": \"nosuchfile\"" + audio), 404, 1203, "input.video_id: no file nosuchfile");
    Api.Answer asOther = server.api.post("/v1/videos/lip-sync", other.apiKey(), "{\"input\": {\"video_id\": \"" + videoId
        + "\"" + audio + "}}");
    expect(asOther, 404, 1203, "input.video_id: no file " + videoId + " (unknown, expired, or not yours)");
    expect(lipSync("\"video_id\": \"" + audioId + "\"" + audio), 400, 1201, "input.video_id: file " + audioId + " is audio");
  }

  @Test
  void messagesSayWhatWasWrongInTheClientsWords() throws Exception {
    Path text = temp.resolve("notes.txt");
    Files.writeString(text, "not a video, not audio");
    Api.Answer upload = server.api.upload("/v1/files", key, text);
    expect(upload, 400, 1201, "file: neither a decodable video nor decodable audio");
    assertEquals("file: neither a decodable video nor decodable audio", upload.message(), "said once, no nested chain");

    Api.Answer array = server.api.post("/v1/videos/identify-face", key, "[1]");
    expect(array, 400, 1200, "the request body must be a JSON object");
    assertFalse(array.message().contains("io.mouthpiece") || array.message().contains("$"), array.message());

    expect(advanced("\"sound_file\": \"file:///etc/passwd\"", 3000, ""), 400, 1201,
        "face_choose[0].sound_file: only an http/https URL or Base64 audio is accepted, got a file:// URL");
    Api.Answer garbage = advanced("\"sound_file\": \"@@not base64@@\"", 3000, "");
    expect(garbage, 400, 1201, "face_choose[0].sound_file: neither an http/https URL nor valid Base64 audio");
    assertFalse(garbage.message().contains("("), "no Java decoder detail: " + garbage.message());

    String notAudio = java.util.Base64.getEncoder().encodeToString("plain words".getBytes());
    Api.Answer inline = advanced("\"sound_file\": \"" + notAudio + "\"", 3000, "");
    expect(inline, 400, 1201, "face_choose[0].sound_file: not decodable audio");
    assertFalse(inline.message().matches(".*(part-|\\.audio|\\.upload|/tmp).*"), "no temporary file name: " + inline.message());
  }

  @Test
  void externalTaskIdsAsKlingClientsSendThem() {
    Api.Answer empty = advanced("\"audio_id\": \"" + audioId + "\"", 3000, ", \"external_task_id\": \"\"");
    assertEquals(200, empty.status(), "an empty external_task_id means none: " + empty.json());
    assertTrue(empty.data().path("task_info").path("external_task_id").isNull(), empty.json().toString());
    Api.Answer again = advanced("\"audio_id\": \"" + audioId + "\"", 3000, ", \"external_task_id\": \"\"");
    assertEquals(200, again.status(), "and two of them do not collide: " + again.json());

    String taskId = empty.data().path("task_id").asText();
    expect(advanced("\"audio_id\": \"" + audioId + "\"", 3000, ", \"external_task_id\": \"" + taskId + "\""), 400, 1201,
        "external_task_id: '" + taskId + "' is the task_id of one of your tasks");
    assertEquals(200, advanced("\"audio_id\": \"" + audioId + "\"", 3000, ", \"external_task_id\": \"mine-1\"").status());
    expect(advanced("\"audio_id\": \"" + audioId + "\"", 3000, ", \"external_task_id\": \"mine-1\""), 400, 1201,
        "external_task_id: 'mine-1' is already used by another task of yours");
  }
}
