// One row per face of the identify-face answer: its crop, its timeline, and, once ticked, its speech
// (an uploaded file or a link), the piece of it to use and where it goes, checked live by the same
// timing rules the server applies (timing-rules.js).

import * as api from './api.js';
import {Timeline} from './timeline.js';
import {checkAudio, checkRequest} from './timing-rules.js';

const NUMBERS = [
  // [request field, label, unit hint, step]
  ['sound_start_time', 'Audio from', 'ms into the audio', 10],
  ['sound_end_time', 'Audio to', 'ms into the audio', 10],
  ['sound_insert_time', 'Starts on the video at', 'ms into the video', 10],
  ['sound_volume', 'Speech volume', '0 to 2', 0.1],
];

export class FaceRow {
  /** face: an identify-face face_data item; ctx: {videoMs, player, onChange}. */
  constructor(face, ctx) {
    this.face = face;
    this.ctx = ctx;
    this.audio = null; // {audio_id | sound_file, ms (null: unknown), name}
    this.values = {sound_start_time: 0, sound_end_time: 0, sound_insert_time: 0, sound_volume: 1};
    this.violations = [];
    const id = `face-${face.face_id}`;
    const name = `Face ${face.face_id}`;
    const el = document.createElement('article');
    el.className = 'face';
    el.dataset.faceId = face.face_id;
    el.setAttribute('aria-labelledby', `${id}-h`);
    el.innerHTML = `
      <div class="face-head">
        <img class="crop" alt="${name}" src="${encodeURI(face.face_image)}">
        <div>
          <h3 id="${id}-h">${name}</h3>
          <p class="hint">on screen from ${sec(face.start_time)} to ${sec(face.end_time)}</p>
          <label class="check"><input type="checkbox" class="use"> Make this face speak</label>
        </div>
      </div>
      <div class="speech" hidden>
        <div class="row">
          <input id="${id}-audio" type="file" accept="audio/*,.wav,.mp3,.m4a,.aac" class="visually-hidden audio-file">
          <label for="${id}-audio" class="button">Choose an audio file</label>
          <form class="row audio-url-form">
            <label for="${id}-audio-url">or a link</label>
            <input id="${id}-audio-url" type="url" placeholder="https://example.com/speech.wav" spellcheck="false">
            <button type="submit">Use this link</button>
          </form>
        </div>
        <p class="status audio-status" role="status" aria-live="polite"></p>
        <audio class="preview" controls preload="metadata" hidden></audio>
      </div>
      <div class="timeline"></div>
      <div class="speech" hidden>
        <div class="numbers">
          ${NUMBERS.map(([f, label, hint, step]) => `
            <div class="field">
              <label for="${id}-${f}">${label}</label>
              <input id="${id}-${f}" data-field="${f}" type="number" step="${step}" min="0" inputmode="decimal"
                     aria-describedby="${id}-${f}-hint ${id}-problems" disabled>
              <span id="${id}-${f}-hint" class="hint">${hint}; <code>${f}</code> in messages</span>
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
    el.querySelector('.audio-url-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const url = el.querySelector(`#${id}-audio-url`).value.trim();
      if (url) {
        this.linkAudio(url);
      }
    });
    for (const input of Object.values(this.inputs)) {
      input.addEventListener('input', () => this.readInputs());
    }
  }

  async uploadAudio(file) {
    this.status.textContent = `Uploading ${file.name} …`;
    try {
      const up = await api.upload(file);
      if (up.kind !== 'audio') {
        throw new Error(`${file.name} is a ${up.kind} file, not audio`);
      }
      this.preview.src = URL.createObjectURL(file);
      this.attach({audio_id: up.file_id, ms: api.secondsToMs(up.duration), name: file.name});
    } catch (e) {
      this.status.classList.add('error');
      this.status.textContent = `Could not use this audio: ${e.message}`;
    }
  }

  /** A link is sent as sound_file; its length is read by the browser when it can be (else the server checks it). */
  linkAudio(url) {
    this.preview.src = url;
    this.attach({sound_file: url, ms: null, name: url});
    this.preview.addEventListener('loadedmetadata', () => {
      if (this.audio?.sound_file === url && Number.isFinite(this.preview.duration)) {
        this.attach({...this.audio, ms: Math.round(this.preview.duration * 1000)});
      }
    }, {once: true});
    this.preview.addEventListener('error', () => {
      if (this.audio?.sound_file === url) {
        this.status.textContent = `${url}: this browser cannot play it, so its length is unknown here; the service`
            + ' will still fetch it when the task runs, and the task fails if it cannot.';
      }
    }, {once: true});
  }

  attach(audio) {
    this.audio = audio;
    this.status.classList.remove('error');
    this.status.textContent = `${audio.name}${audio.ms != null ? `, ${sec(audio.ms)} long` : ''}`;
    this.preview.hidden = false;
    // A first guess that passes the rules: as much of the audio as fits the face, where the face starts.
    const room = this.face.end_time - this.face.start_time;
    const len = Math.min(audio.ms ?? room, room, this.ctx.videoMs - this.face.start_time);
    for (const input of Object.values(this.inputs)) {
      input.disabled = false;
    }
    this.set({sound_start_time: 0, sound_end_time: len, sound_insert_time: this.face.start_time,
      sound_volume: this.values.sound_volume});
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
    this.problems.replaceChildren(...here.map((p) => Object.assign(document.createElement('li'), {textContent: p.message})));
    for (const [f, input] of Object.entries(this.inputs)) {
      input.setAttribute('aria-invalid', String(here.some((p) => p.field === f)));
    }
    const ready = this.use.checked && this.audio && !blankOrNaN(v);
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
    return this.audio ? null : `Face ${this.face.face_id} has no audio yet.`;
  }
}

const blankOrNaN = (v) => Object.values(v).some((x) => Number.isNaN(x));
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;
