// The page's flow, top to bottom: sign in with an API key, give a video (file, drop or link),
// identify-face, one row per face, submit the advanced lip-sync, follow it. Only the public API.

import * as api from './api.js';
import {FaceRow} from './faces.js';
import {follow, refreshList} from './tasks.js';
import {MAX_GAIN} from './timing-rules.js';

const $ = (id) => document.getElementById(id);
const state = {sessionId: null, videoMs: null, rows: []};

function showSignedIn(signedIn) {
  $('sign-in').hidden = signedIn;
  $('work').hidden = !signedIn;
  $('sign-out').hidden = !signedIn;
  if (signedIn) {
    refreshList();
  }
}

$('sign-in-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const k = $('api-key').value.trim();
  $('sign-in-error').textContent = '';
  try {
    await api.checkKey(k);
  } catch (err) {
    $('sign-in-error').textContent = `Not signed in: ${err.message}`;
    return;
  }
  api.key.set(k);
  $('api-key').value = '';
  showSignedIn(true);
  $('video-file').focus(); // the next thing to do; its label shows the focus ring
});

$('sign-out').addEventListener('click', () => {
  api.key.clear();
  location.reload();
});

// --- the video ---------------------------------------------------------------------------------

const drop = $('drop');
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  const file = e.dataTransfer.files[0];
  if (file) {
    useVideoFile(file);
  }
});
$('video-file').addEventListener('change', (e) => e.target.files[0] && useVideoFile(e.target.files[0]));
$('video-url-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const url = $('video-url').value.trim();
  if (url) {
    useVideoUrl(url);
  }
});

function say(text, isError = false) {
  $('video-status').textContent = text;
  $('video-status').classList.toggle('error', isError);
}

function reset() {
  state.sessionId = null;
  state.rows = [];
  $('faces').replaceChildren();
  $('step-faces').hidden = true;
}

async function useVideoFile(file) {
  reset();
  const player = $('player');
  player.src = URL.createObjectURL(file);
  player.hidden = false;
  say(`Uploading ${file.name} …`);
  try {
    const up = await api.upload(file);
    if (up.kind !== 'video') {
      throw new Error(`${file.name} is a ${up.kind} file, not a video`);
    }
    await identify({video_id: up.file_id}, api.secondsToMs(up.duration));
  } catch (e) {
    say(`Could not use this video: ${e.message}`, true);
  }
}

async function useVideoUrl(url) {
  reset();
  const player = $('player');
  player.src = url;
  player.hidden = false;
  try {
    // The video's length on the page's timeline comes from the player (identify-face does not say it).
    const ms = await new Promise((resolve, reject) => {
      if (player.readyState >= 1) {
        resolve(Math.round(player.duration * 1000));
      }
      player.addEventListener('loadedmetadata', () => resolve(Math.round(player.duration * 1000)), {once: true});
      player.addEventListener('error', () => reject(new Error('this browser cannot play it, so its length is unknown')), {once: true});
    });
    await identify({video_url: url}, ms);
  } catch (e) {
    say(`Could not use this video: ${e.message}`, true);
  }
}

async function identify(video, videoMs) {
  say('Looking for faces (this takes about as long as the video plays) …');
  const answer = await api.identify(video);
  const found = answer.data;
  state.sessionId = found.session_id;
  state.videoMs = videoMs;
  const faces = found.face_data;
  if (!faces.length) {
    say(`No face to lip-sync in this video. ${answer.message}`, true);
    return;
  }
  say(`${faces.length === 1 ? 'One face' : `${faces.length} faces`} found. Pick the one that should speak.`);
  const ctx = {videoMs, player: $('player'), onChange: update, originalVolume};
  state.rows = faces.map((f) => new FaceRow(f, ctx));
  $('faces').replaceChildren(...state.rows.map((r) => r.el));
  if (faces.length === 1) {
    state.rows[0].use.checked = true;
    state.rows[0].use.dispatchEvent(new Event('change'));
  }
  $('step-faces').hidden = false;
}

$('player').addEventListener('timeupdate', () => {
  state.rows.forEach((r) => r.timeline.setPlayhead($('player').currentTime * 1000));
});

// --- the request -------------------------------------------------------------------------------

function originalVolume() {
  const v = $('original-volume').value.trim();
  return v === '' ? NaN : Number(v);
}
$('original-volume').addEventListener('input', () => state.rows.forEach((r) => r.refresh()));

/** Enables submit only when the request would pass the rules; says what is missing otherwise. */
function update() {
  const used = state.rows.filter((r) => r.use.checked);
  const gainProblem = state.rows.flatMap((r) => r.violations).find((p) => p.field === 'original_audio_volume')
      ?? (Number.isNaN(originalVolume()) ? {message: `original_audio_volume: required, 0 to ${MAX_GAIN}`} : null);
  $('original-volume-error').textContent = gainProblem?.message ?? '';
  $('original-volume').setAttribute('aria-invalid', String(!!gainProblem));
  const why = !used.length ? 'Tick a face that should speak.'
      : used.map((r) => r.missing()).find(Boolean)
      ?? (used.some((r) => r.violations.length) || gainProblem ? 'Fix the times marked above first.' : '');
  $('submit').disabled = !!why;
  $('submit-hint').textContent = why;
}

$('submit').addEventListener('click', async () => {
  const body = {session_id: state.sessionId,
    face_choose: state.rows.map((r) => r.request(originalVolume())).filter(Boolean)};
  $('submit').disabled = true;
  $('submit-hint').textContent = 'Sending …';
  let task;
  try {
    task = await api.createTask(body);
  } catch (e) {
    $('submit-hint').textContent = `The service refused it: ${e.message}`;
    $('submit').disabled = false;
    return;
  }
  $('submit-hint').textContent = `Task ${task.task_id} created.`;
  follow(task.task_id, () => update());
});

$('refresh-tasks').addEventListener('click', refreshList);

showSignedIn(!!api.key.get());
