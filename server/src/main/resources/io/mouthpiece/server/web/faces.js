// One row per face of the identify-face answer: its crop, its timeline, and, once ticked, its speech
// (an uploaded file or a link), the piece of it to use and where it goes, checked live by the same
// timing rules the server applies (timing-rules.js) and said with the page's labels (words.js).

import * as api from './api.js';
import {Timeline} from './timeline.js';
import {checkAudio, checkRequest} from './timing-rules.js';
import * as waveform from './waveform.js';
import {LABELS, fileProblem, inWords} from './words.js';

const NUMBERS = [
  // [request field, unit hint, step]
  ['sound_start_time', 'ms into the audio', 10],
  ['sound_end_time', 'ms into the audio', 10],
  ['sound_insert_time', 'ms into the video', 10],
  ['sound_volume', '0 to 2', 0.1],
];

export class FaceRow {
  /** face: an identify-face face_data item; ctx: {videoMs, player, onChange, originalVolume}. */
  constructor(face, ctx) {
    this.face = face;
    this.ctx = ctx;
    this.audio = null; // {audio_id | sound_file, url, ms (null: unknown), name}
    this.values = {sound_start_time: 0, sound_end_time: 0, sound_insert_time: 0, sound_volume: 1};
    this.violations = [];
    this.audioChoice = null; // the audio asked for last: an older answer never replaces it
    const id = `face-${face.face_id}`;
    const name = `Face ${face.face_id}`;
    const el = document.createElement('article');
    el.className = 'face';
    el.dataset.faceId = face.face_id;
    el.setAttribute('aria-labelledby', `${id}-h`);
    el.innerHTML = `
      <div class="face-head">
        <img class="crop" alt="${name}" src="${encodeURI(face.face_image)}">
        <div class="who">
          <h3 id="${id}-h">${name}</h3>
          <p class="hint">on screen ${sec(face.start_time)} to ${sec(face.end_time)}</p>
          <p class="hint speaks" title="${speaks(face.speaking, Infinity)}">${speaks(face.speaking)}</p>
        </div>
        <label class="check"><input type="checkbox" class="use"> Make this face speak</label>
        <div class="speech row audio-pick" hidden>
          <input id="${id}-audio" type="file" accept="audio/*,.wav,.mp3,.m4a,.aac" class="visually-hidden audio-file">
          <label for="${id}-audio" class="button">Choose an audio file</label>
          <form class="row audio-url-form">
            <label for="${id}-audio-url">or<span class="visually-hidden"> a link to the speech, or the words to speak</span></label>
            <input id="${id}-audio-url" type="text" placeholder="a link, or words to speak"
                   aria-describedby="${id}-voice-hint" spellcheck="false">
            <label for="${id}-voice" class="visually-hidden">Voice for typed words</label>
            <select id="${id}-voice" class="voice" hidden></select>
            <span id="${id}-voice-hint" class="visually-hidden">A link is fetched by the service; words are spoken in the
              chosen voice, at most 120 characters.</span>
            <button type="submit">Use</button>
          </form>
        </div>
      </div>
      <div class="speech row audio-line" hidden>
        <p class="status audio-status" role="status" aria-live="polite"></p>
        <audio class="preview" controls preload="metadata" hidden aria-label="The speech for ${name}"></audio>
      </div>
      <div class="timeline"></div>
      <div class="speech" hidden>
        <div class="numbers">
          ${NUMBERS.map(([f, hint, step]) => `
            <div class="field">
              <span class="field-top"><label for="${id}-${f}">${LABELS[f]}</label>
                <span id="${id}-${f}-hint" class="hint">${hint}</span></span>
              <input id="${id}-${f}" data-field="${f}" type="number" step="${step}" min="0" inputmode="decimal"
                     aria-describedby="${id}-${f}-hint ${id}-problems" disabled>
            </div>`).join('')}
        </div>
        <ul id="${id}-problems" class="problems" aria-live="polite"></ul>
      </div>`;
    this.el = el;
    this.use = el.querySelector('.use');
    this.speech = el.querySelectorAll('.speech');
    this.status = el.querySelector('.audio-status');
    this.preview = el.querySelector('.preview');
    this.problems = el.querySelector('.problems');
    this.inputs = Object.fromEntries([...el.querySelectorAll('input[data-field]')].map((i) => [i.dataset.field, i]));

    this.timeline = new Timeline(el.querySelector('.timeline'), {
      videoMs: ctx.videoMs, faceStartMs: face.start_time, faceEndMs: face.end_time, faceName: name,
      onChange: (p) => this.set({sound_start_time: p.startMs, sound_end_time: p.endMs, sound_insert_time: p.insertMs}),
      onSeek: (ms) => { ctx.player.currentTime = ms / 1000; },
    });
    this.use.addEventListener('change', () => {
      this.speech.forEach((part) => { part.hidden = !this.use.checked; });
      this.refresh();
    });
    el.querySelector('.audio-file').addEventListener('change', (e) => e.target.files[0] && this.uploadAudio(e.target.files[0]));
    // One field for a link or the words to speak: a link starts with http(s)://, anything else is words.
    el.querySelector('.audio-url-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const value = el.querySelector(`#${id}-audio-url`).value.trim();
      if (/^https?:\/\//i.test(value)) {
        this.linkAudio(value);
      } else if (value) {
        this.speakWords(value, el.querySelector('.voice').value);
      }
    });
    this.fillVoices(el.querySelector('.voice'));
    for (const input of Object.values(this.inputs)) {
      input.addEventListener('input', () => this.readInputs());
    }
    this.preview.addEventListener('loadedmetadata', () => {
      // A link's length, when the browser can play it (else the service checks it when the task runs).
      if (this.audio && this.audio.ms == null && Number.isFinite(this.preview.duration)) {
        this.audio.ms = Math.round(this.preview.duration * 1000);
        this.say(described(this.audio));
        this.refresh();
      }
    });
    this.preview.addEventListener('error', () => {
      if (this.audio?.sound_file && this.preview.getAttribute('src')) {
        this.say(`${this.audio.name}: this browser cannot play it, so its length is unknown here; the service`
            + ' will still fetch it when the task runs, and the task fails if it cannot.');
      }
    });
  }

  /** Starts a new audio choice, making every earlier one's answers stale; returns its abort signal. */
  choose() {
    this.audioChoice?.abort();
    this.audioChoice = new AbortController();
    return this.audioChoice.signal;
  }

  async uploadAudio(file) {
    const signal = this.choose();
    this.say(`Uploading ${file.name} …`);
    try {
      const up = await api.upload(file, signal);
      if (up.kind !== 'audio') {
        throw {kind: up.kind};
      }
      if (!signal.aborted) {
        this.attach({audio_id: up.file_id, url: up.url, ms: api.secondsToMs(up.duration), name: file.name},
            null, file.arrayBuffer());
      }
    } catch (e) {
      if (!signal.aborted) {
        this.detach();
        this.say(fileProblem(file.name, 'audio', e.kind ? e : {err: e}), true);
      }
    }
  }

  /** The service's voices in the select, shown once there are some. */
  async fillVoices(select) {
    try {
      const list = await api.voices();
      select.replaceChildren(...list.map((v) => Object.assign(document.createElement('option'),
          {value: v.voice_id, textContent: v.description})));
      select.hidden = list.length === 0;
    } catch (e) {
      // No voices: words typed are still sent, and the service says why it cannot speak them.
    }
  }

  /** The words are spoken by the service and used like an uploaded audio file. */
  async speakWords(text, voiceId) {
    const signal = this.choose();
    this.say(`Speaking “${text}” …`);
    try {
      const voice = (await api.voices()).find((v) => v.voice_id === voiceId);
      const up = await api.speak({text, voice_id: voiceId, voice_language: voice?.voice_language}, signal);
      if (!signal.aborted) {
        this.attach({audio_id: up.file_id, url: up.url, ms: api.secondsToMs(up.duration), name: `“${text}”`});
      }
    } catch (e) {
      if (!signal.aborted) {
        this.detach();
        this.say(inWords(e.message ?? String(e)), true);
      }
    }
  }

  /** A link is sent as sound_file; the browser reads its length when it can play it. */
  linkAudio(url) {
    this.choose();
    this.attach({sound_file: url, url, ms: null, name: url});
  }

  /**
   * Uses this audio; values: the times to start from (a past task's), else a first guess that
   * passes the rules. bytes: the audio's bytes for its waveform (a promise), when the page has them.
   */
  attach(audio, values, bytes) {
    this.audio = audio;
    this.say(described(audio));
    this.preview.src = audio.url;
    this.preview.hidden = false;
    this.timeline.setWave(null);
    // Another site's file cannot be read by this page (only played), so a link shows no waveform.
    const sameSite = new URL(audio.url, location.href).origin === location.origin;
    const wanted = bytes ?? (sameSite ? fetch(audio.url).then((r) => r.arrayBuffer()) : null);
    wanted?.then(waveform.decode).then((wave) => {
      if (this.audio === audio) {
        this.timeline.setWave(wave);
      }
    }, () => {}); // no waveform is no loss: the piece still works
    for (const input of Object.values(this.inputs)) {
      input.disabled = false;
    }
    if (!values) {
      const room = this.face.end_time - this.face.start_time;
      const len = Math.min(audio.ms ?? room, room, this.ctx.videoMs - this.face.start_time);
      values = {sound_start_time: 0, sound_end_time: len, sound_insert_time: this.face.start_time,
        sound_volume: this.values.sound_volume};
    }
    this.set(values);
  }

  detach() {
    this.audio = null;
    this.preview.removeAttribute('src');
    this.preview.hidden = true;
    this.preview.load();
    this.timeline.setWave(null);
    this.refresh();
  }

  /** Ticks the face and puts back what a past task asked of it (task_input.face_choose[i]). */
  restore(item) {
    this.use.checked = true;
    this.use.dispatchEvent(new Event('change'));
    const name = item.audio_id ? 'the audio this task used' : item.sound_file;
    this.attach({audio_id: item.audio_id ?? undefined, sound_file: item.audio_id ? undefined : item.sound_file,
      url: item.audio_url, ms: null, name}, {sound_start_time: item.sound_start_time,
      sound_end_time: item.sound_end_time, sound_insert_time: item.sound_insert_time, sound_volume: item.sound_volume});
  }

  say(text, isError = false) {
    this.status.textContent = text;
    this.status.classList.toggle('error', isError);
  }

  /** New values from the timeline: into the inputs, then checked. */
  set(values) {
    Object.assign(this.values, values);
    for (const [f, v] of Object.entries(values)) {
      this.inputs[f].value = String(v);
    }
    this.refresh();
  }

  readInputs() {
    for (const [f, input] of Object.entries(this.inputs)) {
      const v = input.value.trim() === '' ? NaN : Number(input.value);
      this.values[f] = f === 'sound_volume' ? v : Math.round(v);
    }
    this.refresh();
  }

  /** The face_choose item of the request, or null when this face is not used. */
  request(originalVolume) {
    if (!this.use.checked) {
      return null;
    }
    const item = {face_id: this.face.face_id, ...this.values, original_audio_volume: originalVolume};
    if (this.audio?.audio_id) {
      item.audio_id = this.audio.audio_id;
    } else if (this.audio?.sound_file) {
      item.sound_file = this.audio.sound_file;
    }
    return item;
  }

  /** Checks the row against the rules and shows what is wrong; called on every change. */
  refresh(originalVolume = this.ctx.originalVolume()) {
    const v = this.values;
    let found = [];
    if (this.use.checked && this.audio) {
      const blank = Object.keys(this.inputs).filter((f) => Number.isNaN(v[f]));
      if (blank.length) {
        found = blank.map((f) => ({field: f, message: `${f}: required, a number`}));
      } else {
        const r = {soundStartMs: v.sound_start_time, soundEndMs: v.sound_end_time, soundInsertMs: v.sound_insert_time,
          soundVolume: v.sound_volume, originalAudioVolume: originalVolume};
        found = checkRequest('', r, this.ctx.videoMs, this.face.start_time, this.face.end_time);
        if (this.audio.ms != null) {
          found = found.concat(checkAudio('', r, this.audio.ms));
        }
      }
    }
    this.violations = found;
    // The original volume is one field for the whole video: app.js shows its problem once, under it.
    const here = found.filter((p) => p.field !== 'original_audio_volume');
    this.problems.replaceChildren(...here.map((p) => Object.assign(document.createElement('li'), {textContent: inWords(p.message)})));
    for (const [f, input] of Object.entries(this.inputs)) {
      input.setAttribute('aria-invalid', String(here.some((p) => p.field === f)));
    }
    const ready = this.use.checked && this.audio && !Object.values(v).some(Number.isNaN);
    this.timeline.setPiece(ready ? {audioMs: this.audio.ms, startMs: v.sound_start_time, endMs: v.sound_end_time,
      insertMs: v.sound_insert_time} : null);
    this.timeline.setBad(here.length > 0);
    this.ctx.onChange();
  }

  /** Why this row cannot be sent yet (null: it can, or it is not used). */
  missing() {
    if (!this.use.checked) {
      return null;
    }
    return this.audio ? null : `Face ${this.face.face_id} has no audio yet: choose an audio file or paste a link beside it.`;
  }
}

const described = (audio) => `${audio.name}${audio.ms != null ? `, ${sec(audio.ms)} long` : ''}`;
/** Milliseconds as seconds, `digits` after the point. */
const seconds = (ms, digits) => (ms / 1000).toFixed(digits);
const sec = (ms) => `${seconds(ms, 2)} s`;

/**
 * When identify-face heard this face speak (its `speaking` ranges), in words, the first `most`
 * ranges (the rest counted): short, so the face's line keeps its height; empty when it says nothing of it.
 */
function speaks(ranges, most = 2) {
  if (!Array.isArray(ranges)) {
    return '';
  }
  if (!ranges.length) {
    return 'not heard speaking';
  }
  const span = (r) => `${seconds(r.start_time, 1)}–${seconds(r.end_time, 1)}`;
  const shown = ranges.slice(0, most).map(span).join(', ');
  return `speaks ${shown} s${ranges.length > most ? `, +${ranges.length - most}` : ''}`;
}
