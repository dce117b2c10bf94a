package io.mouthpiece.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mouthpiece.engine.testing.TestMedia;
import io.mouthpiece.server.Api;
import io.mouthpiece.server.LocalHttp;
import io.mouthpiece.server.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The web page in a real headless Chromium against a real server, as a person uses it: sign in,
 * upload the shared clip, get its face, upload the shared speech, set the times (typing, arrow keys
 * and a mouse drag on the timeline), see the live checks refuse a too-short piece and a piece past
 * the video's end in the server's own words, submit, watch the task, play the result. A screenshot
 * of each step goes to {@code target/web-e2e/flow/} (and {@code failed/} for the failing run).
 */
class WebPageE2eTest {
  static final String VIDEO = "retalking_face2.mp4"; // 844x844, 25 fps, 5 s, one face throughout
  static final String AUDIO = "retalking_1.wav"; // 5.02 s of speech

  @Test
  void signInUploadPickSubmitAndPlayTheResult() throws Exception {
    // chromedriver takes only canonical paths for file inputs (no "..").
    Path video = TestMedia.video(VIDEO).toRealPath();
    Path audio = TestMedia.audio(AUDIO).toRealPath();
    try (TestServer server = TestServer.start(Map.of()); Browser b = Browser.start("flow")) {
      String key = server.keys.apiKey();
      b.driver.get(server.server.baseUrl() + "/");
      WebElement keyInput = b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
      assertFalse(b.driver.findElement(By.id("sign-out")).isDisplayed(), "no sign-out before signing in");
      b.screenshot("sign-in");

      // A wrong key is refused with the server's reason; the right one opens the page.
      keyInput.sendKeys("not-a-key", Keys.ENTER);
      b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-error"), "Not signed in"));
      assertFalse(b.driver.findElement(By.id("work")).isDisplayed());
      keyInput.clear();
      keyInput.sendKeys(key, Keys.ENTER);
      b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("step-video")));
      assertEquals(key, b.driver.executeScript("return localStorage.getItem('mouthpiece.apiKey')"), "the key is kept in the browser");
      assertFalse(b.driver.getCurrentUrl().contains(key), "never in the URL");
      b.screenshot("signed-in");

      // The video: chosen as a file, uploaded, its face found and drawn on its timeline.
      b.driver.findElement(By.id("video-file")).sendKeys(video.toString());
      WebElement face = b.waitUpTo(Duration.ofSeconds(60)).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".face[data-face-id='0']")));
      b.waitUpTo(Duration.ofSeconds(10)).until(d -> (Boolean) b.driver.executeScript(
          "const i = document.querySelector('.face .crop'); return i.complete && i.naturalWidth > 0;"));
      assertTrue(face.findElement(By.cssSelector("input.use")).isSelected(), "the only face is chosen for you");
      String faceWidth = face.findElement(By.cssSelector(".tl-face")).getAttribute("style");
      assertTrue(faceWidth.contains("width: 100%"), "the face is on screen the whole clip: " + faceWidth);
      b.screenshot("face-found");

      // The speech: uploaded; the page proposes times that pass the rules.
      face.findElement(By.cssSelector("input.audio-file")).sendKeys(audio.toString());
      WebElement start = face.findElement(By.cssSelector("input[data-field=sound_start_time]"));
      WebElement end = face.findElement(By.cssSelector("input[data-field=sound_end_time]"));
      WebElement insert = face.findElement(By.cssSelector("input[data-field=sound_insert_time]"));
      b.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(end));
      b.waitUpTo(Duration.ofSeconds(5)).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".tl-piece")));
      assertEquals(List.of(), problems(b), "the proposed times pass");
      assertTrue(b.driver.findElement(By.id("submit")).isEnabled());
      assertFalse(b.driver.findElement(By.id("download")).isDisplayed(), "no download before there is a result");
      b.screenshot("audio-attached");

      // What the server says to the same two mistakes, asked directly with the same video and audio.
      String[] sessionAndAudio = identified(server, video, audio);
      String tooShort = serverSays(server, sessionAndAudio, 0, 1500, 0);
      String pastTheEnd = serverSays(server, sessionAndAudio, 0, 4000, 4000);

      // Too short a piece: the page says what the server says, and will not send it.
      type(end, "1500");
      b.waitUpTo(Duration.ofSeconds(5)).until(d -> !problems(b).isEmpty());
      assertEquals(List.of(tooShort), problems(b));
      assertTrue(face.findElement(By.cssSelector(".tl-piece")).getAttribute("class").contains("bad"), "the piece is marked");
      assertFalse(b.driver.findElement(By.id("submit")).isEnabled());
      assertEquals("true", end.getAttribute("aria-invalid"));
      b.screenshot("too-short");

      // A piece that would run past the video's end.
      type(end, "4000");
      type(insert, "4000");
      b.waitUpTo(Duration.ofSeconds(5)).until(d -> problems(b).size() == 1 && problems(b).get(0).startsWith("sound_insert_time"));
      assertEquals(List.of(pastTheEnd), problems(b));
      assertTrue((Boolean) b.driver.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"),
          "a piece past the end does not widen the page");
      assertFalse(b.driver.findElement(By.id("submit")).isEnabled());
      b.screenshot("past-the-end");

      // The timeline by keyboard: Home puts the piece at 0, each right arrow moves it 100 ms.
      WebElement piece = face.findElement(By.cssSelector(".tl-piece"));
      piece.sendKeys(Keys.HOME);
      piece.sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
      assertEquals("500", insert.getAttribute("value"));
      assertEquals("500", piece.getAttribute("aria-valuenow"));
      assertEquals("0", start.getAttribute("value"));
      assertEquals(List.of(), problems(b));

      // And by mouse: the end handle dragged left by a tenth of the bar ends the piece 500 ms sooner.
      WebElement endHandle = face.findElement(By.cssSelector(".tl-end"));
      int barPx = face.findElement(By.cssSelector(".tl-track")).getSize().getWidth();
      new Actions(b.driver).dragAndDropBy(endHandle, -barPx / 10, 0).perform();
      long dragged = Long.parseLong(end.getAttribute("value"));
      assertTrue(Math.abs(dragged - 3500) <= 20, "end after the drag: " + dragged);
      assertEquals(end.getAttribute("value"), endHandle.getAttribute("aria-valuenow"));
      type(end, "4000");
      assertEquals(List.of(), problems(b));
      b.screenshot("times-set");

      // Submit; the status follows the task until it succeeds.
      b.driver.findElement(By.id("submit")).click();
      b.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("task-status"), "Working"));
      b.screenshot("working");
      WebElement result = b.waitUpTo(Duration.ofSeconds(90)).until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
      assertEquals("Done.", b.driver.findElement(By.id("task-status")).getText());

      // The result plays, and is as long as the source.
      Object played = b.driver.executeAsyncScript(
          "const done = arguments[arguments.length - 1]; const v = document.getElementById('result');"
              + "v.muted = true;"
              + "const check = () => v.currentTime > 0.5 ? done({duration: v.duration, at: v.currentTime}) : setTimeout(check, 100);"
              + "v.play().then(check, (e) => done({error: String(e)}));");
      @SuppressWarnings("unchecked")
      Map<String, Object> playedMap = (Map<String, Object>) played;
      assertFalse(playedMap.containsKey("error"), "the result plays: " + playedMap);
      double source = ((Number) b.driver.executeScript("return document.getElementById('player').duration")).doubleValue();
      double dubbed = ((Number) playedMap.get("duration")).doubleValue();
      assertEquals(source, dubbed, 0.05, "the result is as long as the source");
      WebElement download = b.driver.findElement(By.id("download"));
      assertTrue(download.isDisplayed());
      assertEquals(result.getAttribute("src"), download.getAttribute("href"));
      b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("task-rows"), "succeed"));
      b.screenshot("result");

      // A phone-sized screen: one column, nothing wider than the screen.
      b.size(390, 844);
      b.waitUpTo(Duration.ofSeconds(5)).until(d -> (Boolean) b.driver.executeScript(
          "return document.documentElement.scrollWidth <= window.innerWidth"));
      b.screenshot("phone");
    }
  }

  /** Video and audio as links; the audio link is dead, so the task fails and the page says why, in the server's words. */
  @Test
  void linksAndAFailedTaskSaysWhy() throws Exception {
    Path video = TestMedia.video(VIDEO).toRealPath();
    try (LocalHttp host = new LocalHttp(video.getParent().getParent());
        TestServer server = TestServer.start(Map.of()); Browser b = Browser.start("failed")) {
      b.driver.get(server.server.baseUrl() + "/");
      b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")))
          .sendKeys(server.keys.apiKey(), Keys.ENTER);
      b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("video-url")))
          .sendKeys(host.url("/media/video/" + VIDEO), Keys.ENTER);
      WebElement face = b.waitUpTo(Duration.ofSeconds(60)).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".face[data-face-id='0']")));
      String deadAudio = host.url("/media/audio/no-such-speech.wav");
      face.findElement(By.cssSelector(".audio-url-form input")).sendKeys(deadAudio, Keys.ENTER);
      b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElement(
          face.findElement(By.cssSelector(".audio-status")), "cannot play it"));
      WebElement submit = b.driver.findElement(By.id("submit"));
      b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(submit));
      b.screenshot("links");
      submit.click();
      WebElement error = b.waitUpTo(Duration.ofSeconds(60)).until(ExpectedConditions.visibilityOfElementLocated(By.id("task-error")));
      String taskId = b.driver.findElement(By.cssSelector("#task-rows tr")).getAttribute("data-task-id");
      JsonNode task = server.api.get("/v1/videos/advanced-lip-sync/" + taskId, server.keys.apiKey()).data();
      assertEquals("failed", task.path("task_status").asText());
      assertEquals(task.path("task_status_msg").asText(), error.getText(), "the page shows task_status_msg as it is");
      assertTrue(error.getText().contains("404"), error.getText());
      assertEquals("It did not work. The service says:", b.driver.findElement(By.id("task-status")).getText());
      assertFalse(b.driver.findElement(By.id("result")).isDisplayed());
      b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("task-rows"), "failed"));
      b.screenshot("failed");
    }
  }

  /** The live problems shown under the face's numbers. */
  private static List<String> problems(Browser b) {
    return b.driver.findElements(By.cssSelector(".face .problems li")).stream().map(WebElement::getText).toList();
  }

  private static void type(WebElement input, String value) {
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), value);
  }

  /** A session of the same video and the same audio, made through the API directly: {session_id, audio file_id}. */
  private static String[] identified(TestServer server, Path video, Path audio) throws Exception {
    String key = server.keys.apiKey();
    String videoId = server.api.upload("/v1/files", key, video).data().path("file_id").asText();
    String audioId = server.api.upload("/v1/files", key, audio).data().path("file_id").asText();
    JsonNode session = server.api.post("/v1/videos/identify-face", key, "{\"video_id\": \"" + videoId + "\"}").data();
    return new String[] {session.path("session_id").asText(), audioId};
  }

  /** The server's 1201 message for these times, without the face_choose[0]. prefix the page leaves out. */
  private static String serverSays(TestServer server, String[] sessionAndAudio, long start, long end, long insert) {
    Api.Answer a = server.api.post("/v1/videos/advanced-lip-sync", server.keys.apiKey(), "{\"session_id\": \"" + sessionAndAudio[0]
        + "\", \"face_choose\": [{\"face_id\": \"0\", \"audio_id\": \"" + sessionAndAudio[1] + "\", \"sound_start_time\": " + start
        + ", \"sound_end_time\": " + end + ", \"sound_insert_time\": " + insert + "}]}");
    assertEquals(1201, a.code(), a.message());
    assertTrue(a.message().startsWith("face_choose[0]."), a.message());
    return a.message().substring("face_choose[0].".length());
  }
}
