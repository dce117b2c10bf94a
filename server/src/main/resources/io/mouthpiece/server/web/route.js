// The page's state lives in its URL, so a reload, a bookmark or a shared link opens the same view:
// #task=ID (a task with its video, faces, timing, progress and result), #video=ID (a video held by
// the service, with its faces) or #video_url=URL (a linked video). The API key never goes there.

const NAMES = {task: 'task', video: 'video', videoUrl: 'video_url'};

/** The view the URL names: {task, video, videoUrl}, each null when absent. */
export function read() {
  const p = new URLSearchParams(location.hash.slice(1));
  return Object.fromEntries(Object.entries(NAMES).map(([k, name]) => [k, p.get(name)]));
}

/** A view as a hash, '' for none: equal views give equal strings. */
export function hash(view) {
  const p = new URLSearchParams();
  for (const [k, name] of Object.entries(NAMES)) {
    if (view[k]) {
      p.set(name, view[k]);
    }
  }
  const s = p.toString();
  return s ? `#${s}` : '';
}

let current = location.hash;

/** Records a view the page now shows as a new history entry (Back returns to the one before). */
export function show(view) {
  const h = hash(view);
  if (h !== location.hash) {
    history.pushState(null, '', h || location.pathname);
  }
  current = location.hash;
}

/** Calls fn(view) when Back, Forward or a link changes the URL to a view the page does not show. */
export function onChange(fn) {
  const changed = () => {
    if (location.hash !== current) {
      current = location.hash;
      fn(read());
    }
  };
  addEventListener('popstate', changed);
  addEventListener('hashchange', changed);
}
