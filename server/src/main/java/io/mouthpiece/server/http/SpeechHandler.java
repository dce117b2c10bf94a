package io.mouthpiece.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.mouthpiece.engine.speech.Voice;
import io.mouthpiece.server.auth.Account;
import io.mouthpiece.server.speech.SpeechService;
import io.mouthpiece.server.store.StoredFile;
import io.mouthpiece.server.task.TaskView;

/**
 * Ours: text to speech on the machine, for clients (the web page's "Type the words") that want
 * the sound as an audio file to dub with, e.g. as an advanced lip-sync's audio_id.
 */
final class SpeechHandler {
  /** The body: Kling's text2video fields, without the prefix "input.". */
  record SpeakRequest(String text, String voiceId, String voiceLanguage, Double voiceSpeed) {}

  private final RequestJson json;
  private final SpeechService speech;
  private final TaskView view;

  SpeechHandler(RequestJson json, SpeechService speech, TaskView view) {
    this.json = json;
    this.speech = speech;
    this.view = view;
  }

  /** Speaks the text and answers as an upload does: the audio file's id, URL, kind and duration. */
  void speak(Context ctx, Account account) {
    SpeakRequest r = json.read(ctx, SpeakRequest.class);
    StoredFile f = speech.speak(account.id(), "", new SpeechService.Words(r.text(), r.voiceId(), r.voiceLanguage(),
        r.voiceSpeed())).file();
    Envelope.ok(ctx, FileHandlers.fileJson(f, view));
  }

  /** The voices on offer, with their languages. */
  void voices(Context ctx, Account ignored) {
    ArrayNode list = Envelope.JSON.createArrayNode();
    for (Voice v : speech.voices()) {
      ObjectNode o = list.addObject();
      o.put("voice_id", v.id()).put("voice_language", v.language()).put("description", v.description());
    }
    Envelope.ok(ctx, list);
  }
}
