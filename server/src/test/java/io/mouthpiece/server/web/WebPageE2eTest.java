package io.mouthpiece.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mouthpiece.engine.testing.Prerequisite;
import io.mouthpiece.engine.testing.TestMedia;
import io.mouthpiece.server.Api;
import io.mouthpiece.server.LocalHttp;
import io.mouthpiece.server.TestServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
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
import org.openqa.selenium.support.ui.Select;

/**
 * The web page in a real headless Chromium against a real server, as a person uses it. The studio
 * flow: sign in; files that cannot be used are refused in one sentence and the player is emptied;
 * the shared clip's face; the speech with its waveform; the live checks in the page's words; a
 * piece past the end stays on the bar; keys and a drag on the timeline; the source, faces and
 * timeline on one 1366x900 screen; a task cancelled; a task followed through a reload and finished,
 * its quality report beside it, the list updated in place by one request a tick; before and after
 * side by side, playing in step;
 * a past task opened from the list; accessible names, focus ring and touch targets; the phone
 * layout; no console error. A second run: a slow link overtaken by a dead one (the first answer
 * must not win), links, and a failed task. Screenshots of each step at 1366x900 and 390 wide go to
 * {@code target/web-e2e/flow/} and {@code failed/}.
 */
class WebPageE2eTest {
  static final String VIDEO = "retalking_face2.mp4"; // 844x844, 25 fps, 5 s, one face throughout
  static final String AUDIO = "retalking_1.wav"; // 5.02 s of speech
  static final String FACE = ".face[data-face-id='0']";

  @Test
  void studioFlow() throws Exception {
    // chromedriver takes only canonical paths for file inputs (no "..").
    Path video = TestMedia.video(VIDEO).toRealPath();
    Path audio = TestMedia.audio(AUDIO).toRealPath();
    Path work = Files.createDirectories(Path.of("target", "web-e2e-files")).toRealPath();
    Path notes = Files.writeString(work.resolve("notes.txt"), "Shopping: bread, milk.\n");
    Path longSpeech = tone(work.resolve("long-speech.wav"), 65);
    try (TestServer server = TestServer.start(Map.of()); Browser b = Browser.start("flow")) {
      String key = server.keys.apiKey();
      b.viewport(Browser.DESKTOP);
      b.driver.get(server.server.baseUrl() + "/");
      WebElement keyInput = b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
      assertFalse(b.driver.findElement(By.id("sign-out")).isDisplayed(), "no sign-out before signing in");
      @SuppressWarnings("unchecked")
      Map<String, Object> weight = (Map<String, Object>) b.driver.executeScript("const all = ["
          + "...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];"
          + "return {files: all.length, bytes: all.reduce((n, e) => n + e.transferSize, 0),"
          + " elsewhere: all.filter((e) => !e.name.startsWith(location.origin)).map((e) => e.name)};");
      assertEquals(List.of(), weight.get("elsewhere"), "nothing from elsewhere");
      System.out.println("the page and its files as transferred: " + weight);
      assertTrue(num(weight, "bytes") < 36_000, "the page and its files as transferred: " + weight);
      b.shots("sign-in");

      // A wrong key is refused with the server's reason; the right one opens the page.
      keyInput.sendKeys("not-a-key", Keys.ENTER);
      b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-error"), "Not signed in"));
      assertFalse(b.driver.findElement(By.id("work")).isDisplayed());
      keyInput.clear();
      keyInput.sendKeys(key, Keys.ENTER);
      b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("step-video")));
      assertEquals(key, b.driver.executeScript("return localStorage.getItem('mouthpiece.apiKey')"), "the key is kept in the browser");
      assertFalse(b.driver.getCurrentUrl().contains(key), "never in the URL");
      b.shots("signed-in");

      // Files that cannot be the video: one sentence, what is wrong and what to do; no player left.
      assertEquals("file: neither a decodable video nor decodable audio", server.api.upload("/v1/files", key, notes).message());
      assertEquals("audio", server.api.upload("/v1/files", key, audio).data().path("kind").asText());
      chooseVideo(b, notes);
      awaitVideoStatus(b, "notes.txt is not a video this service can read: choose an MP4 or MOV video, 2 to 60 seconds long.");
      assertNoSourcePlayer(b);
      chooseVideo(b, audio);
      awaitVideoStatus(b, "retalking_1.wav is an audio file, not a video: choose an MP4 or MOV video, 2 to 60 seconds"
          + " long (the speech goes with a face, after the video).");
      assertNoSourcePlayer(b);
      b.shots("not-a-video");

      // The video: uploaded, its face found and drawn on its timeline; the URL names it.
      chooseVideo(b, video);
      WebElement face = b.waitUpTo(Duration.ofSeconds(60)).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(FACE)));
      b.waitUpTo(Duration.ofSeconds(10)).until(d -> (Boolean) b.driver.executeScript(
          "const i = document.querySelector('.face .crop'); return i.complete && i.naturalWidth > 0;"));
      assertTrue(b.driver.getCurrentUrl().matches(".*#video=\\w+$"), b.driver.getCurrentUrl());
      assertTrue(face.findElement(By.cssSelector("input.use")).isSelected(), "the only face is chosen for you");
      String faceWidth = face.findElement(By.cssSelector(".tl-face")).getAttribute("style");
      assertTrue(faceWidth.contains("width: 100%"), "the face is on screen the whole clip: " + faceWidth);

      // No face ticked: the button says why it waits, beside it.
      face.findElement(By.cssSelector("input.use")).click();
      assertFalse(b.driver.findElement(By.id("submit")).isEnabled());
      assertTrue(b.driver.findElement(By.id("submit-hint")).getText().startsWith("Tick the face that should speak"),
          b.driver.findElement(By.id("submit-hint")).getText());
      b.shots("no-face-ticked");
      face.findElement(By.cssSelector("input.use")).click();
      assertTrue(b.driver.findElement(By.id("submit-hint")).getText().startsWith("Face 0 has no audio yet"));

      // Speech too long for the service: said so, nothing attached.
      assertEquals("file: the audio is longer than 60 s", server.api.upload("/v1/files", key, longSpeech).message());
      face.findElement(By.cssSelector("input.audio-file")).sendKeys(longSpeech.toString());
      b.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElement(face.findElement(By.cssSelector(".audio-status")),
          "long-speech.wav is longer than 60 s: choose an audio file (WAV, MP3, M4A or AAC), 2 to 60 seconds long."));
      assertFalse(face.findElement(By.cssSelector("audio.preview")).isDisplayed(), "no player for audio it cannot use");

      // The speech: uploaded; the page proposes times that pass the rules and draws the waveform in the piece.
      face.findElement(By.cssSelector("input.audio-file")).sendKeys(audio.toString());
      WebElement start = face.findElement(By.cssSelector("input[data-field=sound_start_time]"));
      WebElement end = face.findElement(By.cssSelector("input[data-field=sound_end_time]"));
      WebElement insert = face.findElement(By.cssSelector("input[data-field=sound_insert_time]"));
      b.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(end));
      WebElement piece = b.waitUpTo(Duration.ofSeconds(5)).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(FACE + " .tl-piece")));
      assertEquals(List.of(), problems(b), "the proposed times pass");
      assertTrue(b.driver.findElement(By.id("submit")).isEnabled());
      assertFalse(b.driver.findElement(By.id("download")).isDisplayed(), "no download before there is a result");
      double[] wave = b.waitUpTo(Duration.ofSeconds(10)).until(d -> waveform(b));
      assertTrue(wave[0] > 0.3 && wave[1] > 0.1, "a waveform fills the piece, louder in places: ink in "
          + wave[0] + " of the columns, loudest minus median " + wave[1]);
      String drawnFromZero = waveColumns(b);
      oneScreen(b, "the source, its face, timeline and the button", "#player", FACE + " .tl-track", "#submit");
      b.shots("audio-attached");

      // What the server says to the same mistakes, asked directly with the same video and audio.
      String[] sessionAndAudio = identified(server, video, audio);
      String tooShort = serverSays(server, sessionAndAudio, 0, 1500, 0);
      String pastTheEnd = serverSays(server, sessionAndAudio, 0, 4000, 4000);

      // Too short a piece: the page says what the server says, in the labels it shows, and will not send it.
      type(end, "1500");
      b.waitUpTo(Duration.ofSeconds(5)).until(d -> !problems(b).isEmpty());
      assertEquals(List.of(inPageWords(b, tooShort)), problems(b));
      assertTrue(problems(b).get(0).startsWith("Audio to: must be at least 2000 ms after “Audio from”"), problems(b).get(0));
      assertTrue(piece.getAttribute("class").contains("bad"), "the piece is marked");
      assertFalse(b.driver.findElement(By.id("submit")).isEnabled());
      assertEquals("Fix what is marked in red first.", b.driver.findElement(By.id("submit-hint")).getText());
      assertEquals("true", end.getAttribute("aria-invalid"));
      b.shots("too-short");

      // A piece that would run past the video's end, then one inserted after it: red, and still on the bar.
      type(end, "4000");
      type(insert, "4000");
      b.waitUpTo(Duration.ofSeconds(5)).until(d -> problems(b).size() == 1 && problems(b).get(0).startsWith("Starts on the video at"));
      assertEquals(List.of(inPageWords(b, pastTheEnd)), problems(b));
      type(insert, "6000");
      b.waitUpTo(Duration.ofSeconds(5)).until(d -> problems(b).size() == 1 && problems(b).get(0).contains("inserted at 6000 ms"));
      assertTrue(piece.isDisplayed() && piece.getAttribute("class").contains("outside"), piece.getAttribute("class"));
      Map<String, Object> onBar = box(b, FACE + " .tl-piece");
      Map<String, Object> bar = box(b, FACE + " .tl-track");
      assertTrue(num(onBar, "width") >= 20 && num(onBar, "left") >= num(bar, "left") - 0.5
          && num(onBar, "right") <= num(bar, "right") + 0.5, "the piece stays on the bar: " + onBar + " in " + bar);
      assertTrue((Boolean) b.driver.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"),
          "a piece past the end does not widen the page");
      assertFalse(b.driver.findElement(By.id("submit")).isEnabled());
      b.shots("past-the-end");

      // The timeline by keyboard: Home puts the piece at 0, each right arrow moves it 100 ms.
      piece.sendKeys(Keys.HOME);
      piece.sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
      assertEquals("500", insert.getAttribute("value"));
      assertEquals("500", piece.getAttribute("aria-valuenow"));
      assertEquals("0", start.getAttribute("value"));
      assertEquals(List.of(), problems(b));
      focusRingStandsOut(b, piece);

      // And by mouse: the end handle dragged left by a tenth of the bar ends the piece 500 ms sooner.
      WebElement endHandle = face.findElement(By.cssSelector(".tl-end"));
      int barPx = face.findElement(By.cssSelector(".tl-track")).getSize().getWidth();
      new Actions(b.driver).dragAndDropBy(endHandle, -barPx / 10, 0).perform();
      long dragged = Long.parseLong(end.getAttribute("value"));
      assertTrue(Math.abs(dragged - 3500) <= 20, "end after the drag: " + dragged);
      assertEquals(end.getAttribute("value"), endHandle.getAttribute("aria-valuenow"));
      type(end, "4000");
      // The start moved 1 s into the audio: the waveform drawn is the audio's from there.
      type(start, "1000");
      type(insert, "500");
      b.waitUpTo(Duration.ofSeconds(5)).until(d -> !waveColumns(b).equals(drawnFromZero));
      type(start, "0");
      assertEquals(List.of(), problems(b));
      b.shots("times-set");

      // A task made, then cancelled from the page.
      b.driver.findElement(By.id("submit")).click();
      WebElement cancel = b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.id("cancel")));
      String cancelledId = b.driver.getCurrentUrl().replaceAll(".*#task=", "");
      cancel.click();
      b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("task-status"), "Cancelled."));
      JsonNode cancelled = server.api.get("/v1/videos/advanced-lip-sync/" + cancelledId, key).data();
      assertEquals("failed", cancelled.path("task_status").asText(), cancelled.toString());
      assertEquals("cancelled", cancelled.path("task_status_msg").asText());
      assertFalse(b.driver.findElement(By.id("cancel")).isDisplayed(), "nothing more to cancel");
      b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
          By.cssSelector("tr[data-task-id='" + cancelledId + "']"), "cancelled"));
      b.shots("cancelled");

      // Another, followed through a reload: the same task, its inputs, progress and result, without a click.
      b.driver.findElement(By.id("submit")).click();
      b.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("task-status"), "Working"));
      String taskId = b.driver.getCurrentUrl().replaceAll(".*#task=", "");
      assertFalse(taskId.equals(cancelledId) || taskId.contains("#"), b.driver.getCurrentUrl());
      b.shots("working");
      b.driver.navigate().refresh();
      b.waitUpTo(Duration.ofSeconds(10)).until(d -> b.driver.findElement(By.id("task-status")).getText().matches("Working on it … \\d+ %|Done\\."));
      WebElement taskRow = b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("tr[data-task-id='" + taskId + "']")));
      b.driver.executeScript("arguments[0].seen = true;", taskRow);
      assertTrue(taskRow.getText().contains("processing"), "caught while it renders: " + taskRow.getText());
      face = b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(FACE)));
      assertEquals(List.of("0", "4000", "500", "1"), numbers(face), "the task's timing is back");
      assertTrue(face.findElement(By.cssSelector("input.use")).isSelected());
      b.shots("reloaded");
      WebElement result = b.waitUpTo(Duration.ofSeconds(90)).until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
      assertEquals("Done.", b.driver.findElement(By.id("task-status")).getText());
      assertEquals(taskId, b.driver.getCurrentUrl().replaceAll(".*#task=", ""), "still the same task");

      // The quality report beside the result: the task's verdict in one line, its numbers when opened.
      JsonNode report = server.api.get("/v1/videos/advanced-lip-sync/" + taskId, key).data().path("task_result")
          .path("quality").get(0);
      WebElement quality = b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("quality")));
      assertEquals(report.path("verdict").asText(), b.driver.findElement(By.id("quality-verdict")).getText());
      quality.findElement(By.tagName("summary")).click();
      String numbers = b.driver.findElement(By.id("quality-body")).getText();
      assertTrue(numbers.contains(report.path("frames").path("rendered").asInt() + " of "
          + report.path("frames").path("total").asInt() + " re-rendered"), numbers);
      b.shots("quality");
      quality.findElement(By.tagName("summary")).click(); // closed again: the layout below is checked as it first shows

      // The list followed it in place (its row is the same element), one request a tick, none when all is done.
      b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
          By.cssSelector("tr[data-task-id='" + taskId + "']"), "succeed"));
      assertEquals(Boolean.TRUE, b.driver.executeScript("return document.querySelector(\"tr[data-task-id='" + taskId + "']\").seen"),
          "the row was updated, not replaced");
      Map<String, Object> asked = requests(b);
      double seconds = num(asked, "seconds");
      assertTrue(num(asked, "lists") <= seconds + 3 && num(asked, "tasks") <= 1,
          "at most one list request a second, one task request to open it: " + asked);
      Thread.sleep(3000);
      assertEquals(num(asked, "lists"), num(requests(b), "lists"), "nothing is asked once every task has finished");

      // Before and after side by side, on the same screen as the faces; both play, in step.
      oneScreen(b, "before, after, the timeline and Download", "#player", "#result", FACE + " .tl-track", "#download");
      Map<String, Object> before = box(b, "#player");
      Map<String, Object> after = box(b, "#result");
      assertTrue(Math.abs(num(before, "top") - num(after, "top")) <= 2 && num(before, "right") <= num(after, "left"),
          "after beside before: " + before + " " + after);
      b.driver.findElement(By.id("play-both")).click();
      b.waitUpTo(Duration.ofSeconds(10)).until(d -> (Boolean) b.driver.executeScript(
          "const [a, r] = ['player', 'result'].map((id) => document.getElementById(id));"
              + "return !a.paused && !r.paused && r.currentTime > 1;"));
      double apart = ((Number) b.driver.executeScript("const [a, r] = ['player', 'result'].map((id) => document.getElementById(id));"
          + "return Math.abs(a.currentTime - r.currentTime);")).doubleValue();
      assertTrue(apart < 0.3, "the two play in step: " + apart + " s apart");
      b.driver.findElement(By.id("play-both")).click();
      b.driver.executeScript("document.getElementById('result').currentTime = 2.5;");
      b.waitUpTo(Duration.ofSeconds(5)).until(d -> (Boolean) b.driver.executeScript(
          "const a = document.getElementById('player'); return a.paused && Math.abs(a.currentTime - 2.5) < 0.1;"));
      double source = ((Number) b.driver.executeScript("return document.getElementById('player').duration")).doubleValue();
      double dubbed = ((Number) b.driver.executeScript("return document.getElementById('result').duration")).doubleValue();
      assertEquals(source, dubbed, 0.05, "the result is as long as the source");
      assertEquals(result.getAttribute("src"), b.driver.findElement(By.id("download")).getAttribute("href"));
      b.shots("result");

      // A past task opens from the list with what it was sent; Back returns to the one before.
      b.driver.findElement(By.cssSelector("tr[data-task-id='" + cancelledId + "'] a.open")).click();
      b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("task-status"), "Cancelled."));
      face = b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(FACE)));
      assertEquals(List.of("0", "4000", "500", "1"), numbers(face));
      assertFalse(b.driver.findElement(By.id("result")).isDisplayed());
      assertFalse(b.driver.findElement(By.id("quality")).isDisplayed(), "a cancelled task has no quality report");
      assertTrue(b.driver.getCurrentUrl().endsWith("#task=" + cancelledId));
      b.shots("past-task");
      b.driver.navigate().back();
      b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
      assertEquals("Done.", b.driver.findElement(By.id("task-status")).getText());

      // Names for the players; targets a finger can hit on a phone; nothing wider than the screen.
      assertEquals("Before: the video you chose", b.driver.findElement(By.id("player")).getAccessibleName());
      assertEquals("After: the lip-synced video", b.driver.findElement(By.id("result")).getAccessibleName());
      assertEquals("The speech for Face 0", b.driver.findElement(By.cssSelector(FACE + " audio")).getAccessibleName());
      b.viewport(Browser.PHONE);
      List<String> small = smallTargets(b);
      assertEquals(List.of(), small, "touch targets under 24x24 px at 390 px wide");
      assertEquals(List.of(), wider(b), "nothing wider than the phone's screen");
      b.viewport(Browser.DESKTOP);
      b.shots("phone-and-desktop");
      assertEquals(List.of(), b.consoleErrors(), "the console");
    }
  }

  /** A slow link overtaken by a dead one: the slow one's late answer is dropped; then links, and a failed task. */
  @Test
  void latestChoiceWinsLinksAndAFailedTaskSaysWhy() throws Exception {
    Path video = TestMedia.video(VIDEO).toRealPath();
    try (LocalHttp host = new LocalHttp(video.getParent().getParent());
        TestServer server = TestServer.start(Map.of()); Browser b = Browser.start("failed")) {
      b.viewport(Browser.DESKTOP);
      b.driver.get(server.server.baseUrl() + "/");
      b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")))
          .sendKeys(server.keys.apiKey(), Keys.ENTER);
      WebElement link = b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("video-url")));

      // The slow link: the player reads it at once, the service's download of it takes 3 s.
      link.sendKeys(host.url("/slow/video/" + VIDEO), Keys.ENTER);
      b.waitUpTo(Duration.ofSeconds(20)).withMessage(() -> "the service's download of the slow link began: "
          + host.slowDownloads.get() + " begun; the page says " + b.driver.findElement(By.id("video-status")).getText())
          .until(d -> host.slowDownloads.get() == 1);
      assertTrue(b.driver.findElement(By.id("video-status")).getText().startsWith("Looking for faces"));
      String dead = host.url("/media/video/no-such-clip.mp4");
      link.clear();
      link.sendKeys(dead, Keys.ENTER);
      awaitVideoStatus(b, "This browser cannot play that video: check that the link opens the video file itself (MP4 or MOV),"
          + " not a page that shows it.");
      // The slow one's faces are found now, and must not take the page over.
      b.waitUpTo(Duration.ofSeconds(30)).until(d -> identifiesAnswered(server) == 1);
      Thread.sleep(500);
      assertTrue(b.driver.findElement(By.id("video-status")).getText().startsWith("This browser cannot play that video"));
      assertEquals(0, b.driver.findElements(By.cssSelector(".face")).size(), "no face of the slow video");
      assertFalse(b.driver.findElement(By.id("step-faces")).isDisplayed());
      assertNoSourcePlayer(b);
      assertTrue(b.driver.getCurrentUrl().endsWith("#video_url=" + java.net.URLEncoder.encode(dead, "UTF-8")), b.driver.getCurrentUrl());
      b.shots("latest-choice-wins");

      // A good link, and a dead audio link: the task fails, and the page says why in the server's words.
      link.clear();
      link.sendKeys(host.url("/media/video/" + VIDEO), Keys.ENTER);
      WebElement face = b.waitUpTo(Duration.ofSeconds(60)).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(FACE)));
      // Typed words: spoken by the service, attached like an uploaded file, with their length and waveform.
      Prerequisite.requireEspeak();
      new Select(face.findElement(By.cssSelector("select.voice"))).selectByValue("en_gb_female");
      face.findElement(By.cssSelector(".audio-url-form input")).sendKeys("Typed words are spoken on the machine itself.",
          Keys.ENTER);
      WebElement spokenStatus = face.findElement(By.cssSelector(".audio-status"));
      b.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.textMatches(By.cssSelector(FACE + " .audio-status"),
          java.util.regex.Pattern.compile("^“Typed words are spoken on the machine itself\\.”, [0-9.]+ s long$")));
      b.waitUpTo(Duration.ofSeconds(10)).until(d -> waveform(b));
      assertEquals(List.of(), problems(b), "the proposed times pass: " + spokenStatus.getText());
      b.shots("typed-words");
      String deadAudio = host.url("/media/audio/no-such-speech.wav");
      face.findElement(By.cssSelector(".audio-url-form input")).clear();
      face.findElement(By.cssSelector(".audio-url-form input")).sendKeys(deadAudio, Keys.ENTER);
      b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElement(
          face.findElement(By.cssSelector(".audio-status")), "cannot play it"));
      WebElement submit = b.driver.findElement(By.id("submit"));
      b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(submit));
      b.shots("links");
      submit.click();
      WebElement error = b.waitUpTo(Duration.ofSeconds(60)).until(ExpectedConditions.visibilityOfElementLocated(By.id("task-error")));
      String taskId = b.driver.getCurrentUrl().replaceAll(".*#task=", "");
      JsonNode task = server.api.get("/v1/videos/advanced-lip-sync/" + taskId, server.keys.apiKey()).data();
      assertEquals("failed", task.path("task_status").asText());
      String said = task.path("task_status_msg").asText();
      assertTrue(said.startsWith("face_choose[0].sound_file: ") && said.contains("404"), said);
      assertEquals("Audio: " + said.substring("face_choose[0].sound_file: ".length()), error.getText(),
          "the page shows task_status_msg, the field named as on the page");
      assertEquals("It did not work. The service says:", b.driver.findElement(By.id("task-status")).getText());
      assertFalse(b.driver.findElement(By.id("result")).isDisplayed());
      b.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("task-rows"), "failed"));
      b.shots("failed");
      assertEquals(List.of(), b.consoleErrors(), "the console");
    }
  }

  private static void chooseVideo(Browser b, Path file) {
    b.driver.findElement(By.id("video-file")).sendKeys(file.toString());
  }

  private static void awaitVideoStatus(Browser b, String text) {
    b.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.id("video-status"), text));
  }

  /** No source player on show, and none loading: nothing spins, nothing stays empty on the page. */
  private static void assertNoSourcePlayer(Browser b) {
    assertFalse(b.driver.findElement(By.id("player")).isDisplayed(), "the player is put away");
    assertEquals(null, b.driver.findElement(By.id("player")).getDomAttribute("src"));
  }

  /** The live problems shown under the face's numbers. */
  private static List<String> problems(Browser b) {
    return b.driver.findElements(By.cssSelector(".face .problems li")).stream().map(WebElement::getText).toList();
  }

  /** The server's message with each request field named by the label the page shows for it. */
  private static String inPageWords(Browser b, String message) {
    String out = message;
    for (String field : List.of("sound_start_time", "sound_end_time", "sound_insert_time", "sound_volume")) {
      String label = b.driver.findElement(By.cssSelector("label[for=face-0-" + field + "]")).getText();
      out = out.startsWith(field + ": ") ? label + out.substring(field.length()) : out;
      out = out.replace(field, "“" + label + "”");
    }
    return out;
  }

  private static List<String> numbers(WebElement face) {
    return face.findElements(By.cssSelector("input[data-field]")).stream().map(i -> i.getAttribute("value")).toList();
  }

  private static void type(WebElement input, String value) {
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), value);
  }

  /** {share of columns with ink, loudest column minus the median} of the piece's waveform; null while none is drawn. */
  private static double[] waveform(Browser b) {
    @SuppressWarnings("unchecked")
    List<Number> r = (List<Number>) b.driver.executeScript(
        "const c = document.querySelector('.face .tl-wave'); if (!c || c.hidden || !c.width) return null;"
            + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; const cols = [];"
            + "for (let x = 0; x < c.width; x++) { let n = 0; for (let y = 0; y < c.height; y++) n += d[(y * c.width + x) * 4 + 3] > 0;"
            + " cols.push(n / c.height); }"
            + "const s = [...cols].sort((a, b) => a - b);"
            + "return [cols.filter((v) => v > 0.05).length / cols.length, s[s.length - 1] - s[s.length >> 1]];");
    return r == null ? null : new double[] {r.get(0).doubleValue(), r.get(1).doubleValue()};
  }

  /** The waveform's column heights, as a string, to see that a change of the piece redrew it. */
  private static String waveColumns(Browser b) {
    return String.valueOf(b.driver.executeScript(
        "const c = document.querySelector('.face .tl-wave'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
            + "const cols = []; for (let x = 0; x < c.width; x += 4) { let n = 0;"
            + " for (let y = 0; y < c.height; y++) n += d[(y * c.width + x) * 4 + 3] > 0; cols.push(n); } return cols.join(',');"));
  }

  /** The element's box in the viewport: left, top, right, bottom, width, height. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> box(Browser b, String css) {
    return (Map<String, Object>) b.driver.executeScript("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
        + "return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height};", css);
  }

  private static double num(Map<String, Object> m, String k) {
    return ((Number) m.get(k)).doubleValue();
  }

  /** Each element shown whole in the 1366x900 viewport with the page at its top: one screen, no scrolling. */
  private static void oneScreen(Browser b, String what, String... css) {
    b.driver.executeScript("window.scrollTo(0, 0)");
    for (String c : css) {
      Map<String, Object> r = box(b, c);
      assertTrue(num(r, "width") > 0 && num(r, "top") >= 0 && num(r, "left") >= 0 && num(r, "bottom") <= Browser.DESKTOP[1]
          && num(r, "right") <= Browser.DESKTOP[0], what + " on one 1366x900 screen: " + c + " is at " + r);
    }
  }

  /** The piece's focus ring: at least 2 px, solid, and 3:1 or more against the orange it surrounds. */
  private static void focusRingStandsOut(Browser b, WebElement piece) {
    @SuppressWarnings("unchecked")
    Map<String, Object> ring = (Map<String, Object>) b.driver.executeScript("const p = arguments[0]; const s = getComputedStyle(p);"
        + "return {visible: p.matches(':focus-visible'), style: s.outlineStyle, width: parseFloat(s.outlineWidth),"
        + " ring: s.outlineColor, fill: getComputedStyle(document.documentElement).getPropertyValue('--piece')};", piece);
    assertEquals(Boolean.TRUE, ring.get("visible"), "focused from the keyboard: " + ring);
    assertEquals("solid", ring.get("style"));
    assertTrue(num(ring, "width") >= 2, ring.toString());
    double contrast = contrast(rgb((String) ring.get("ring")), rgb(((String) ring.get("fill")).trim()));
    assertTrue(contrast >= 3, "focus ring against the piece: " + contrast + ":1 " + ring);
  }

  private static int[] rgb(String css) {
    if (css.startsWith("#")) {
      int v = Integer.parseInt(css.substring(1), 16);
      return new int[] {v >> 16 & 255, v >> 8 & 255, v & 255};
    }
    String[] p = css.replaceAll("[^0-9,]", "").split(",");
    return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])};
  }

  /** WCAG 2's contrast ratio of two sRGB colours. */
  private static double contrast(int[] a, int[] b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(int[] c) {
    double[] l = new double[3];
    for (int i = 0; i < 3; i++) {
      double s = c[i] / 255.0;
      l[i] = s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
  }

  /** Every control shown that is smaller than 24x24 px (WCAG 2.2's minimum target), described. */
  @SuppressWarnings("unchecked")
  private static List<String> smallTargets(Browser b) {
    return (List<String>) b.driver.executeScript("return [...document.querySelectorAll("
        + "'button, a, input:not([type=file]), label.button, [role=slider], audio, video')]"
        + ".filter((e) => e.offsetParent !== null && !e.closest('.visually-hidden, .skip'))"
        + ".map((e) => [e, e.getBoundingClientRect()]).filter(([, r]) => r.width < 24 || r.height < 24)"
        + ".map(([e, r]) => `${e.outerHTML.slice(0, 80)} ${Math.round(r.width)}x${Math.round(r.height)}`);");
  }

  /** Everything shown that reaches past the right edge of the page's width (scrollbar excluded), described. */
  @SuppressWarnings("unchecked")
  private static List<String> wider(Browser b) {
    return (List<String>) b.driver.executeScript("const w = document.documentElement.clientWidth;"
        + "return [...document.querySelectorAll('body *')].filter((e) => e.offsetParent !== null && !e.closest('.skip, .visually-hidden'))"
        + ".map((e) => [e, e.getBoundingClientRect()]).filter(([, r]) => r.width > 0 && r.right > w + 0.5)"
        + ".map(([e, r]) => `${e.tagName}.${e.className} right ${Math.round(r.right)} of ${w}`);");
  }

  /** The page's API requests for tasks since it loaded: {lists, tasks (one task's GET), seconds}. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> requests(Browser b) {
    return (Map<String, Object>) b.driver.executeScript("const all = performance.getEntriesByType('resource')"
        + ".filter((e) => e.name.includes('/v1/videos/advanced-lip-sync'));"
        + "return {lists: all.filter((e) => e.name.includes('?')).length,"
        + " tasks: all.filter((e) => /advanced-lip-sync\\/[^/?]+$/.test(e.name)).length, seconds: performance.now() / 1000};");
  }

  /** How many identify-face requests the service has finished answering (its request metrics). */
  private static int identifiesAnswered(TestServer server) {
    String metrics = new String(server.api.get("/metrics", null).bytes());
    return metrics.lines().filter(l -> l.startsWith("mouthpiece_http_requests_seconds_count{")
            && l.contains("route=\"/v1/videos/identify-face\""))
        .mapToInt(l -> (int) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  /** A WAV of {@code seconds} of a 220 Hz tone, 8 kHz mono 16-bit: speech-sized, but longer than the service takes. */
  private static Path tone(Path to, int seconds) throws IOException {
    int rate = 8000;
    int n = rate * seconds;
    ByteBuffer wav = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
    wav.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVEfmt ".getBytes()).putInt(16).putShort((short) 1)
        .putShort((short) 1).putInt(rate).putInt(2 * rate).putShort((short) 2).putShort((short) 16)
        .put("data".getBytes()).putInt(2 * n);
    for (int i = 0; i < n; i++) {
      wav.putShort((short) (8000 * Math.sin(2 * Math.PI * 220 * i / rate)));
    }
    return Files.write(to, wav.array());
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
