// The public API as this page calls it: the key from the browser's storage as a Bearer token,
// every answer unwrapped from its envelope, every failure turned into an Error with the server's words.

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

async function call(method, path, body, token = key.get(), whole = false) {
  const headers = {Authorization: `Bearer ${token}`};
  if (body !== undefined && !(body instanceof FormData)) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, {method, headers, body});
  } catch (e) {
    throw new ApiError(`the service did not answer (${e.message}); is it running?`, -1, 0);
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

/** Checks a key by listing one task: succeeds only for a key the service knows. */
export const checkKey = (token) => call('GET', '/v1/videos/advanced-lip-sync?pageNum=1&pageSize=1', undefined, token);

/** POST /v1/files: {file_id, url, kind, duration}. */
export function upload(file) {
  const form = new FormData();
  form.append('file', file, file.name);
  return call('POST', '/v1/files', form);
}

/** POST /v1/videos/identify-face with a video_id or a video_url; the whole envelope (its message says why no face was found). */
export const identify = (video) => call('POST', '/v1/videos/identify-face', video, key.get(), true);

export const createTask = (body) => call('POST', '/v1/videos/advanced-lip-sync', body);
export const getTask = (id) => call('GET', `/v1/videos/advanced-lip-sync/${encodeURIComponent(id)}`);
export const listTasks = (pageSize = 30) => call('GET', `/v1/videos/advanced-lip-sync?pageNum=1&pageSize=${pageSize}`);

/** videos[].duration and the upload's duration are strings of seconds ("5.04"). */
export const secondsToMs = (s) => Math.round(Number(s) * 1000);
