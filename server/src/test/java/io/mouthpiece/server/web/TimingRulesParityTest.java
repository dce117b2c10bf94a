package io.mouthpiece.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mouthpiece.engine.rules.TimingRules;
import io.mouthpiece.server.Api;
import io.mouthpiece.server.TestServer;
import io.mouthpiece.server.task.KlingNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The page checks timing live in JavaScript (timing-rules.js: the order of the checks, with the
 * limits and sentences the engine's, carried in the page as data); the server with the
 * engine's {@link TimingRules}, in Kling's words ({@link KlingNames}). This runs
 * one table of cases through both, the JavaScript in Chromium exactly as the page loads it from the
 * service, and requires the same messages, character for character, in the same order: the page
 * speaks the server's words.
 */
class TimingRulesParityTest {
  @Test
  void javascriptRulesGiveTheEngineMessagesWordForWord() throws Exception {
    List<Case> cases = cases();
    try (TestServer server = TestServer.start(Map.of()); Browser browser = Browser.start("parity")) {
      browser.driver.get(server.server.baseUrl() + "/");
      ArrayNode input = Api.JSON.createArrayNode();
      cases.forEach(c -> input.add(c.json()));
      Object out = browser.driver.executeAsyncScript(
          "const done = arguments[arguments.length - 1];"
              + "import('/web/timing-rules.js').then((rules) => done(JSON.stringify(JSON.parse(arguments[0]).map((c) =>"
              + "  rules.check(c.prefix, c.r, c.audioMs, c.videoMs, c.faceStartMs, c.faceEndMs).map((v) => v.field + '|' + v.message)))))"
              + ".catch((e) => done('ERROR ' + e));",
          input.toString());
      assertTrue(out instanceof String s && !s.startsWith("ERROR"), "the page's rules ran: " + out);
      JsonNode js = Api.JSON.readTree((String) out);
      int withMessages = 0;
      for (int i = 0; i < cases.size(); i++) {
        List<String> java = cases.get(i).java();
        List<String> fromJs = new ArrayList<>();
        js.get(i).forEach(n -> fromJs.add(n.asText()));
        assertEquals(java, fromJs, "case " + cases.get(i).json());
        withMessages += java.isEmpty() ? 0 : 1;
      }
      // The table must exercise the rules, not only pass through them.
      assertTrue(withMessages > cases.size() / 3, withMessages + " of " + cases.size() + " cases break a rule");
    }
  }

  record Case(String prefix, TimingRules.DubTiming r, long audioMs, long videoMs, long faceStartMs, long faceEndMs) {
    List<String> java() {
      KlingNames names = new KlingNames(dub -> prefix, dub -> null);
      return TimingRules.check(0, r, audioMs, videoMs, faceStartMs, faceEndMs).stream()
          .map(v -> names.of(v.dub(), v.value()) + "|" + v.message(names)).toList();
    }

    ObjectNode json() {
      ObjectNode o = Api.JSON.createObjectNode().put("prefix", prefix).put("audioMs", audioMs).put("videoMs", videoMs)
          .put("faceStartMs", faceStartMs).put("faceEndMs", faceEndMs);
      // The page's JavaScript keeps Kling's words for the values.
      o.putObject("r").put("soundStartMs", r.startMs()).put("soundEndMs", r.endMs())
          .put("soundInsertMs", r.insertMs()).put("soundVolume", r.gain())
          .put("originalAudioVolume", r.originalGain());
      return o;
    }
  }

  /** Every boundary of every rule by hand, then a seeded spread of ordinary and odd values. */
  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    long[] starts = {-1, 0, 500, 3000};
    long[] lengths = {-500, 0, 1999, 2000, 4000, 9000};
    long[] inserts = {-10, 0, 1000, 2999, 3000, 4001};
    double[] gains = {0, 1, 2, 2.0000001, -0.5, 0.25, 1e-4, 12345678.9};
    for (long s : starts) {
      for (long len : lengths) {
        for (long ins : inserts) {
          c.add(new Case("", new TimingRules.DubTiming(s, s + len, ins, 1, 1), 5020, 5000, 1000, 4000));
        }
      }
    }
    for (double g : gains) {
      c.add(new Case("face_choose[1].", new TimingRules.DubTiming(0, 3000, 0, g, 1), 5020, 5000, 0, 5000));
      c.add(new Case("", new TimingRules.DubTiming(0, 3000, 0, 1, g), 5020, 5000, 0, 5000));
    }
    for (long audio : new long[] {1999, 2000, 2999, 60000, 60001}) {
      c.add(new Case("face_choose[0].", new TimingRules.DubTiming(0, 3000, 0, 1, 1), audio, 5000, 0, 5000));
    }
    Random random = new Random(5);
    for (int i = 0; i < 200; i++) {
      long start = random.nextInt(8000) - 500;
      long end = start + random.nextInt(9000) - 1000;
      long faceStart = random.nextInt(20000);
      c.add(new Case(i % 2 == 0 ? "" : "face_choose[" + i % 3 + "].",
          new TimingRules.DubTiming(start, end, random.nextInt(25000) - 200, random.nextInt(25) / 10.0, random.nextInt(25) / 10.0),
          random.nextInt(12000), 20000, faceStart, faceStart + random.nextInt(8000)));
    }
    return c;
  }
}
