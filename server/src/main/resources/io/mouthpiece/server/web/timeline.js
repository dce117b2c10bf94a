// One face's timeline: the video's length as a bar, the face's time range on it, and, once the face
// has audio, the piece of audio as a block that can be dragged (where it goes: sound_insert_time) with
// handles on its edges (which part of the audio: sound_start_time, sound_end_time). Every control is
// a focusable slider that arrow keys move, so the timeline works without a mouse. The piece shows
// the speech's waveform once the audio is decoded; a piece that does not fit the video is drawn red
// at the nearest place that keeps it on the bar, never off it.

import {draw} from './waveform.js';

const STEP_MS = 100; // an arrow key press; with Shift, a second
const SNAP_MS = 10; // drags land on whole hundredths of a second

export class Timeline {
  /** onChange({startMs, endMs, insertMs}) after every drag or key step; onSeek(ms) on a click on the bar. */
  constructor(container, {videoMs, faceStartMs, faceEndMs, faceName, onChange, onSeek}) {
    this.videoMs = videoMs;
    this.onChange = onChange;
    this.piece = null;
    this.wave = null;
    container.innerHTML = `
      <div class="tl-track">
        <div class="tl-face" title="${faceName} is on screen here"></div>
        <div class="tl-ghost" hidden></div>
        <div class="tl-piece" role="slider" tabindex="0" hidden aria-label="Where the speech goes on the video (${faceName})">
          <span class="tl-handle tl-start" role="slider" tabindex="0" aria-label="Start of the piece of audio (${faceName})"></span>
          <canvas class="tl-wave" aria-hidden="true"></canvas>
          <span class="tl-handle tl-end" role="slider" tabindex="0" aria-label="End of the piece of audio (${faceName})"></span>
        </div>
        <div class="tl-playhead" aria-hidden="true"></div>
      </div>
      <div class="tl-scale" aria-hidden="true"></div>`;
    this.track = container.querySelector('.tl-track');
    this.ghost = container.querySelector('.tl-ghost');
    this.block = container.querySelector('.tl-piece');
    this.startHandle = container.querySelector('.tl-start');
    this.endHandle = container.querySelector('.tl-end');
    this.playhead = container.querySelector('.tl-playhead');
    this.canvas = container.querySelector('.tl-wave');
    new ResizeObserver(() => this.drawWave()).observe(this.track);
    place(container.querySelector('.tl-face'), this.pct(faceStartMs), this.pct(faceEndMs - faceStartMs));
    this.scale(container.querySelector('.tl-scale'));

    this.track.addEventListener('click', (e) => {
      if (e.target === this.track || e.target.classList.contains('tl-face') || e.target === this.ghost) {
        const box = this.track.getBoundingClientRect();
        onSeek?.(Math.round(((e.clientX - box.left) / box.width) * videoMs));
      }
    });
    this.drag(this.block, (p, d) => ({...p, insertMs: clamp(p.insertMs + d, 0, videoMs - (p.endMs - p.startMs))}));
    this.drag(this.startHandle, (p, d) => {
      const k = clamp(d, Math.max(-p.startMs, -p.insertMs), p.endMs - p.startMs - STEP_MS);
      return {...p, startMs: p.startMs + k, insertMs: p.insertMs + k};
    });
    this.drag(this.endHandle, (p, d) => {
      const most = Math.min(this.piece.audioMs ?? Infinity, p.startMs + videoMs - p.insertMs);
      return {...p, endMs: clamp(p.endMs + d, p.startMs + STEP_MS, most)};
    });
  }

  /** Shows the piece ({audioMs, startMs, endMs, insertMs}; audioMs may be null when unknown), or hides it (null). */
  setPiece(piece) {
    this.piece = piece;
    this.block.hidden = !piece;
    this.ghost.hidden = !piece || piece.audioMs == null;
    if (!piece) {
      return;
    }
    const len = piece.endMs - piece.startMs;
    const [a, b] = this.onBar(piece.insertMs, len);
    place(this.block, this.pct(a), this.pct(b - a));
    this.block.classList.toggle('outside', a !== piece.insertMs || b - a !== len);
    if (piece.audioMs != null) {
      // The whole audio, hatched, where it would lie: only the part over the video is drawn.
      const from = Math.max(0, piece.insertMs - piece.startMs);
      place(this.ghost, this.pct(from), this.pct(Math.min(this.videoMs, piece.insertMs - piece.startMs + piece.audioMs) - from));
    }
    const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
    slider(this.block, piece.insertMs, 0, this.videoMs, `starts on the video at ${s(piece.insertMs)}, ends at ${s(piece.insertMs + len)}`);
    slider(this.startHandle, piece.startMs, 0, piece.endMs, `audio from ${s(piece.startMs)}`);
    slider(this.endHandle, piece.endMs, piece.startMs, piece.audioMs ?? piece.endMs, `audio to ${s(piece.endMs)}`);
    this.drawWave();
  }

  /**
   * Where the piece is drawn: its place on the video, cut to the bar; when less than a sliver of it
   * would be left (inserted past the end, or far before 0), a sliver at the end it went out of.
   */
  onBar(insertMs, lenMs) {
    const sliver = Math.min(lenMs, 0.08 * this.videoMs);
    const a = Math.max(0, insertMs);
    const b = Math.min(this.videoMs, insertMs + lenMs);
    if (b - a >= sliver) {
      return [a, b];
    }
    return insertMs > 0 ? [this.videoMs - sliver, this.videoMs] : [0, sliver];
  }

  /** The decoded speech ({ms, peaks}, waveform.js), drawn in the piece from now on; null: none. */
  setWave(wave) {
    this.wave = wave;
    this.drawWave();
  }

  drawWave() {
    const p = this.piece;
    this.canvas.hidden = !this.wave || !p;
    if (!this.canvas.hidden) {
      const [a, b] = this.onBar(p.insertMs, p.endMs - p.startMs);
      const from = Math.max(p.startMs, p.startMs + a - p.insertMs);
      draw(this.canvas, this.wave, from, Math.min(p.endMs, from + (b - a)));
    }
  }

  /** Marks the piece as breaking a rule (the words are beside the numbers). */
  setBad(bad) {
    this.block.classList.toggle('bad', bad);
  }

  setPlayhead(ms) {
    this.playhead.style.left = `${this.pct(ms)}%`;
  }

  pct(ms) {
    return (100 * ms) / this.videoMs;
  }

  /** Pointer drags and arrow keys on one control; move(piece, deltaMs) says what a move does to the piece. */
  drag(el, move) {
    const apply = (from, deltaMs) => {
      const next = move(from, deltaMs);
      this.setPiece({...this.piece, ...next});
      this.onChange({startMs: next.startMs, endMs: next.endMs, insertMs: next.insertMs});
    };
    el.addEventListener('pointerdown', (e) => {
      if (e.button !== 0 || !this.piece) {
        return;
      }
      e.stopPropagation();
      e.preventDefault();
      el.focus();
      el.setPointerCapture(e.pointerId);
      const from = {...this.piece};
      const x0 = e.clientX;
      const msPerPx = this.videoMs / this.track.getBoundingClientRect().width;
      const onMove = (m) => apply(from, Math.round(((m.clientX - x0) * msPerPx) / SNAP_MS) * SNAP_MS);
      const onUp = () => {
        el.removeEventListener('pointermove', onMove);
        el.removeEventListener('pointerup', onUp);
        el.removeEventListener('pointercancel', onUp);
      };
      el.addEventListener('pointermove', onMove);
      el.addEventListener('pointerup', onUp);
      el.addEventListener('pointercancel', onUp);
    });
    el.addEventListener('click', (e) => e.stopPropagation());
    el.addEventListener('keydown', (e) => {
      if (e.target !== el || !this.piece) {
        return; // a handle's keys are the handle's, not also the block's
      }
      const step = e.shiftKey ? 1000 : STEP_MS;
      const delta = {ArrowLeft: -step, ArrowDown: -step, ArrowRight: step, ArrowUp: step,
        PageDown: -1000, PageUp: 1000, Home: -1e9, End: 1e9}[e.key];
      if (delta !== undefined) {
        e.preventDefault();
        apply({...this.piece}, delta);
      }
    });
  }

  scale(el) {
    const seconds = this.videoMs / 1000;
    const every = seconds <= 12 ? 1 : seconds <= 30 ? 5 : 10;
    for (let t = 0; t <= seconds + 1e-9; t += every) {
      const tick = document.createElement('span');
      tick.style.left = `${this.pct(t * 1000)}%`;
      tick.textContent = `${t} s`;
      el.append(tick);
    }
  }
}

function place(el, leftPct, widthPct) {
  el.style.left = `${leftPct}%`;
  el.style.width = `${Math.max(0, widthPct)}%`;
}

function slider(el, now, min, max, text) {
  el.setAttribute('aria-valuenow', String(now));
  el.setAttribute('aria-valuemin', String(min));
  el.setAttribute('aria-valuemax', String(max));
  el.setAttribute('aria-valuetext', text);
}

const clamp = (v, lo, hi) => Math.min(Math.max(v, lo), Math.max(lo, hi));
