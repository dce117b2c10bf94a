// The public API as this page calls it: the key from the browser's storage as a Bearer token,
// every answer unwrapped from its envelope, every failure turned into an Error with the server's
// words. Calls that a newer choice makes pointless take an AbortSignal.

const KEY = 'mouthpiece.apiKey';

export const key = {
  get: () => localStorage.getItem(KEY),
  set: (k) => localStorage.setItem(KEY, k),
  clear: () => localStorage.removeItem(KEY),
};

/** A failed call: the envelope's message (what the server said), its code and the HTTP status. */
export class ApiError extends Error {
  constructor(message, code, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

async function call(method, path, {body, token = key.get(), whole = false, signal} = {}) {
  const headers = {Authorization: `Bearer ${token}`};
  if (body !== undefined && !(body instanceof FormData)) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, {method, headers, body, signal});
  } catch (e) {
    if (e.name === 'AbortError') {
      throw e; // a newer choice took over: nobody waits for this answer
    }
    throw new ApiError('the service did not answer; is it running?', -1, 0);
  }
  let env;
  try {
    env = await res.json();
  } catch (e) {
    throw new ApiError(`the service answered HTTP ${res.status} without the usual JSON`, -1, res.status);
  }
  if (env.code !== 0) {
    throw new ApiError(env.message, env.code, res.status);
  }
  return whole ? env : env.data;
}

const TASKS = '/v1/videos/advanced-lip-sync';

/** Checks a key by listing one task: succeeds only for a key the service knows. */
export const checkKey = (token) => call('GET', `${TASKS}?pageNum=1&pageSize=1`, {token});

/** POST /v1/files: {file_id, url, kind, duration}. */
export function upload(file, signal) {
  const form = new FormData();
  form.append('file', file, file.name);
  return call('POST', '/v1/files', {body: form, signal});
}

/** Ours, POST /v1/speech: the words spoken on the service's machine, kept as an audio file {file_id, url, kind, duration}. */
export const speak = (words, signal) => call('POST', '/v1/speech', {body: words, signal});

let voiceList = null;
/** Ours, GET /v1/speech/voices: [{voice_id, voice_language, description}], asked once a page. */
export function voices() {
  voiceList ??= call('GET', '/v1/speech/voices').catch((e) => { voiceList = null; throw e; });
  return voiceList;
}

/** identify-face with a video_id or a video_url; the whole envelope (its message says why no face was found). */
export const identify = (video, signal) => call('POST', '/v1/videos/identify-face', {body: video, whole: true, signal});

export const createTask = (body) => call('POST', TASKS, {body});
export const getTask = (id, signal) => call('GET', `${TASKS}/${encodeURIComponent(id)}`, {signal});
export const cancelTask = (id) => call('POST', `${TASKS}/${encodeURIComponent(id)}/cancel`);
export const listTasks = (pageSize = 30) => call('GET', `${TASKS}?pageNum=1&pageSize=${pageSize}`);

/** Where the service serves a file it holds (an upload's answer says the same as `url`). */
export const fileUrl = (id) => `/v1/files/${encodeURIComponent(id)}/content`;

/** videos[].duration and the upload's duration are strings of seconds ("5.04"). */
export const secondsToMs = (s) => Math.round(Number(s) * 1000);
