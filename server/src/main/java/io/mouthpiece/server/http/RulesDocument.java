package io.mouthpiece.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mouthpiece.engine.rules.RequestValue;
import io.mouthpiece.engine.rules.Rule;
import io.mouthpiece.engine.rules.TimingRules;
import io.mouthpiece.server.task.KlingNames;
import java.util.Map;

/**
 * The timing rules as data for the web page (put into index.html by {@link WebPage}): the engine's limits, every
 * rule's sentence and Kling's name for every value. The page's checks (timing-rules.js) read their
 * numbers and words from here, so the engine stays their one source.
 */
final class RulesDocument {
  private RulesDocument() {}

  static byte[] json() {
    ObjectMapper json = new ObjectMapper();
    ObjectNode doc = json.createObjectNode();
    ObjectNode limits = doc.putObject("limits");
    for (Map.Entry<String, Number> e : TimingRules.limits().entrySet()) {
      limits.putPOJO(e.getKey(), e.getValue());
    }
    ObjectNode sentences = doc.putObject("sentences");
    for (Rule rule : Rule.values()) {
      sentences.put(rule.name(), rule.template());
    }
    ObjectNode names = doc.putObject("names");
    KlingNames kling = KlingNames.faceChoose();
    for (RequestValue value : RequestValue.values()) {
      names.put(value.name(), kling.of(value));
    }
    try {
      return json.writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the rules could not be written as JSON", e);
    }
  }
}
