// The page's flow: sign in with an API key; give a video (file, drop or link) and see its faces;
// tick a face, give it speech, place it; make the task and watch it beside the source; or open a
// past task. What is on show is in the URL (route.js); the latest choice always wins: each new one
// aborts what the one before was still waiting for. Only the public API.

import * as api from './api.js';
import {InStep} from './compare.js';
import {FaceRow} from './faces.js';
import * as result from './result.js';
import * as route from './route.js';
import * as source from './source.js';
import {Tasks} from './tasks.js';
import {MAX_GAIN} from './timing-rules.js';
import {inWords} from './words.js';

const $ = (id) => document.getElementById(id);
const state = {sessionId: null, videoMs: null, rows: [], taskId: null, choice: null};
const player = $('player');
const pair = new InStep(player, $('result'), $('play-both'));
const tasks = new Tasks((task) => task.task_id === state.taskId && showTask(task));

function showSignedIn(signedIn) {
  $('sign-in').hidden = signedIn;
  $('work').hidden = !signedIn;
  $('sign-out').hidden = !signedIn;
  if (signedIn) {
    tasks.refresh();
    open(route.read());
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
  source.forgetSessions(); // another account's sessions are not this one's
  location.replace(location.pathname);
});

/** Opens what the URL names: a task, a held video, a linked video, or nothing yet. */
function open(view) {
  if (view.task) {
    openTask(view.task);
  } else if (view.video) {
    useVideo(() => source.held(view.video));
  } else if (view.videoUrl) {
    useVideo(() => source.linked(view.videoUrl));
  } else {
    choose(); // back at the start: nothing chosen
    say('');
  }
}
route.onChange((view) => api.key.get() && open(view));

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
    useFile(file);
  }
});
$('video-file').addEventListener('change', (e) => e.target.files[0] && useFile(e.target.files[0]));
$('video-url-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const url = $('video-url').value.trim();
  if (url) {
    useVideo(() => source.linked(url));
  }
});

function say(text, isError = false) {
  $('video-status').textContent = text;
  $('video-status').classList.toggle('error', isError);
}

/** A new choice: what the last one was waiting for is aborted, and the page is emptied for it. */
function choose() {
  state.choice?.abort();
  state.choice = new AbortController();
  state.sessionId = null;
  state.rows = [];
  state.taskId = null;
  tasks.follow(null);
  result.show(null);
  pair.link(false);
  $('faces').replaceChildren();
  $('step-faces').hidden = true;
  showPlayer(null);
  return state.choice.signal;
}

/** The source player with this video, or emptied and hidden (null). */
function showPlayer(src) {
  $('stage').hidden = !src;
  if (src) {
    player.src = src;
  } else {
    player.removeAttribute('src');
    player.load();
  }
}

function useFile(file) {
  useVideo((signal) => {
    say(`Uploading ${file.name} …`);
    return source.uploaded(file, signal);
  });
}

/** Shows a video and its faces; `get(signal)` gives the video (uploading it if need be). */
async function useVideo(get) {
  const signal = choose();
  say('Opening the video …');
  try {
    const v = await get(signal);
    if (signal.aborted) {
      return;
    }
    route.show(v.view);
    showPlayer(v.src);
    const ms = v.ms ?? await source.lengthOf(player, v, signal);
    say('Looking for faces (this takes about as long as the video plays) …');
    const found = await source.faces(v, signal);
    if (signal.aborted) {
      return;
    }
    if (!found.face_data.length) {
      say(`No face to lip-sync in this video. ${found.message}`, true);
      return;
    }
    say(`${found.face_data.length === 1 ? 'One face' : `${found.face_data.length} faces`} found: tick the one that should speak.`);
    showFaces(found.session_id, found.face_data, ms, found.default_face_id);
  } catch (e) {
    if (!signal.aborted) {
      showPlayer(null);
      say(e.said ? e.message : `Could not use this video: ${inWords(e.message)}`, true);
    }
  }
}

function showFaces(sessionId, faces, videoMs, defaultFaceId) {
  state.sessionId = sessionId;
  state.videoMs = videoMs;
  const ctx = {videoMs, player, onChange: update, originalVolume};
  state.rows = faces.map((f) => new FaceRow(f, ctx));
  $('faces').replaceChildren(...state.rows.map((r) => r.el));
  // The face a dub without a face takes (the one that speaks most, else the largest), ticked for the user.
  const ticked = faces.length === 1 ? state.rows[0] : state.rows.find((r) => r.face.face_id === defaultFaceId);
  if (ticked) {
    ticked.use.checked = true;
    ticked.use.dispatchEvent(new Event('change'));
  }
  $('step-faces').hidden = false;
  update();
}

player.addEventListener('timeupdate', () => {
  state.rows.forEach((r) => r.timeline.setPlayhead(player.currentTime * 1000));
});

// --- a task --------------------------------------------------------------------------------------

/** Opens a past (or running) task as it was sent: its video, its faces, timing and audio, its result. */
async function openTask(id) {
  const signal = choose();
  say(`Opening task ${id} …`);
  let task;
  try {
    task = await api.getTask(id, signal);
  } catch (e) {
    if (!signal.aborted) {
      say(`Could not open task ${id}: ${e.message}`, true);
    }
    return;
  }
  follow(task);
  const parent = task.task_info.parent_video;
  const input = task.task_input ?? {face_choose: []};
  showPlayer(parent?.url ?? null);
  try {
    const ms = parent ? api.secondsToMs(parent.duration) : null;
    if (!ms) {
      say(`Task ${id} has no video to show (it ended before it fetched one).`);
      return;
    }
    // Every face of the session when this browser asked for it, else the ones the task used.
    const used = input.face_choose.filter((f) => f.face_id != null && f.face_image);
    const faces = source.sessionFaces(input.session_id) ?? used.map((f) => ({face_id: f.face_id,
      face_image: f.face_image, start_time: f.start_time, end_time: f.end_time}));
    showFaces(input.session_id, faces, ms);
    $('original-volume').value = String(input.original_audio_volume ?? 1);
    for (const item of used) {
      state.rows.find((r) => r.face.face_id === item.face_id)?.restore(item);
    }
    say(`Task ${id}, as it was sent: change it and make it again, or give another video.`);
  } catch (e) {
    say(`Could not show task ${id}: ${e.message}`, true);
  }
}

/** The task is the one on show from now on, and followed until it finishes. */
function follow(task) {
  state.taskId = task.task_id;
  showTask(task);
  tasks.follow(task.task_id);
}

function showTask(task) {
  pair.link(result.show(task));
}

$('cancel').addEventListener('click', async () => {
  const task = await result.cancel();
  if (task && task.task_id === state.taskId) {
    showTask(task);
    tasks.now();
  }
});

// --- the request -------------------------------------------------------------------------------

function originalVolume() {
  const v = $('original-volume').value.trim();
  return v === '' ? NaN : Number(v);
}
$('original-volume').addEventListener('input', () => state.rows.forEach((r) => r.refresh()));

/** Enables submit only when the request would pass the rules; says why not otherwise, next to the button. */
function update() {
  const used = state.rows.filter((r) => r.use.checked);
  const gainProblem = state.rows.flatMap((r) => r.violations).find((p) => p.field === 'original_audio_volume')
      ?? (Number.isNaN(originalVolume()) ? {message: `original_audio_volume: required, 0 to ${MAX_GAIN}`} : null);
  $('original-volume-error').textContent = gainProblem ? inWords(gainProblem.message) : '';
  $('original-volume').setAttribute('aria-invalid', String(!!gainProblem));
  const why = !used.length ? `Tick the face that should speak (${state.rows.length > 1 ? 'the box beside one of the faces'
      : 'the box beside the face'}); nothing is made until one is ticked.`
      : used.map((r) => r.missing()).find(Boolean)
      ?? (used.some((r) => r.violations.length) || gainProblem ? 'Fix what is marked in red first.' : '');
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
    $('submit-hint').textContent = /session expired/.test(e.message)
      ? 'This video\'s faces were found more than a day ago, so the service no longer holds them: give the video again.'
      : `The service refused it: ${inWords(e.message)}`;
    $('submit').disabled = false;
    return;
  }
  $('submit-hint').textContent = '';
  route.show({task: task.task_id});
  follow(task);
  $('step-task').scrollIntoView({block: 'nearest'});
  update();
});

$('refresh-tasks').addEventListener('click', () => tasks.refresh());

showSignedIn(!!api.key.get());
