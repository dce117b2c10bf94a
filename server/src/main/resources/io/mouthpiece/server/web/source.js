// The video a person gives, up to its faces: a file is uploaded, a link or a held video is played
// as is, its length read, and identify-face asked, or its answer reused from this browser while its
// session lasts (a reload or a shared #video= link then opens at once). Every step takes the
// choice's AbortSignal: a newer choice aborts it, and its late answers are never used.

import * as api from './api.js';
import {fileProblem} from './words.js';

const SESSIONS = 'mouthpiece.sessions';
const SESSION_LIFE_MS = 23 * 3600e3; // the service keeps a session 24 h; an hour's margin

/** An error whose message is already a sentence for a person (what is wrong, what to do). */
export const said = (text) => Object.assign(new Error(text), {said: true});

/** A video the page can show and send: {video (identify-face's body), view (the URL's state), src, ms}. */
export async function uploaded(file, signal) {
  let up;
  try {
    up = await api.upload(file, signal);
  } catch (e) {
    throw signal.aborted ? e : said(fileProblem(file.name, 'video', {err: e}));
  }
  if (up.kind !== 'video') {
    throw said(fileProblem(file.name, 'video', {kind: up.kind}));
  }
  return {video: {video_id: up.file_id}, view: {video: up.file_id}, src: up.url, ms: api.secondsToMs(up.duration)};
}

export const held = (id) => ({video: {video_id: id}, view: {video: id}, src: api.fileUrl(id), ms: null,
  unplayable: 'The service no longer holds this video (files are deleted after a while): choose it again.'});
export const linked = (url) => ({video: {video_url: url}, view: {videoUrl: url}, src: url, ms: null});

/** The length of the video the player was given, in ms, once it has read the file's header. */
export function lengthOf(player, v, signal) {
  return new Promise((resolve, reject) => {
    const ok = () => resolve(Math.round(player.duration * 1000));
    if (player.readyState >= 1) {
      ok();
      return;
    }
    player.addEventListener('loadedmetadata', ok, {once: true, signal});
    player.addEventListener('error', () => reject(said(v.unplayable ?? 'This browser cannot play that video: check that'
        + ' the link opens the video file itself (MP4 or MOV), not a page that shows it.')), {once: true, signal});
    signal.addEventListener('abort', () => reject(new DOMException('a newer choice', 'AbortError')), {once: true});
  });
}

/** identify-face's answer for this video: {session_id, face_data, message}; from this browser when it has it. */
export async function faces(v, signal) {
  const key = JSON.stringify(v.video);
  const kept = Object.entries(sessions()).find(([, s]) => s.key === key);
  if (kept) {
    return {session_id: kept[0], face_data: kept[1].faces, message: kept[1].message};
  }
  const answer = await api.identify(v.video, signal);
  const found = {...answer.data, message: answer.message};
  if (!signal.aborted) {
    keep(found.session_id, {key, faces: found.face_data, message: found.message});
  }
  return found;
}

/** The faces of a session this browser asked for (a past task then shows all of them), or null. */
export const sessionFaces = (id) => sessions()[id]?.faces ?? null;

export const forgetSessions = () => localStorage.removeItem(SESSIONS);

function sessions() {
  let all = {};
  try {
    all = JSON.parse(localStorage.getItem(SESSIONS)) ?? {};
  } catch (e) {
    // unreadable: start again
  }
  return Object.fromEntries(Object.entries(all).filter(([, s]) => Date.now() - s.at < SESSION_LIFE_MS));
}

function keep(id, session) {
  const all = Object.entries(sessions()).slice(-19); // the newest 20 at most
  localStorage.setItem(SESSIONS, JSON.stringify(Object.fromEntries([...all, [id, {...session, at: Date.now()}]])));
}
