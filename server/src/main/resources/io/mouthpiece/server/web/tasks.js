// The account's tasks: one table row per task, updated in place, and the one poller that keeps the
// table and the open task current. Each tick asks once (the list, which holds the open task while
// it is among the newest; an older open task alone otherwise), every second while the open task is
// unfinished, every 4 s while only others are, and not at all once everything has finished.

import * as api from './api.js';

const $ = (id) => document.getElementById(id);
const PAGE = 30;
const OPEN_MS = 1000;
const OTHERS_MS = 4000;
const HIDDEN_MS = 15000; // a tab nobody looks at asks rarely; coming back asks at once
const finished = (t) => t.task_status === 'succeed' || t.task_status === 'failed';

export class Tasks {
  /** onOpen(task): every new state of the open task. */
  constructor(onOpen) {
    this.onOpen = onOpen;
    this.openId = null;
    this.listed = null; // the last list, newest first (null: not asked yet)
    this.rows = new Map();
    this.timer = 0;
    this.asking = 0; // the number of the latest tick: an older tick's answer is not shown
    document.addEventListener('visibilitychange', () => !document.hidden && this.now());
  }

  /** Follows this task (null: none) from now on. */
  follow(id) {
    this.openId = id;
    if (id && !this.listed?.some((t) => t.task_id === id)) {
      this.listed = null; // a task made since the last list is asked for with the list, where it now is
    }
    this.rows.forEach((tr, rowId) => mark(tr, rowId === id));
    if (id) {
      this.now();
    }
  }

  /** Asks at once (the Refresh button: the whole list again). */
  refresh() {
    this.listed = null;
    this.now();
  }

  now() {
    clearTimeout(this.timer);
    this.tick();
  }

  async tick() {
    const mine = ++this.asking;
    let open = null;
    let delay = OTHERS_MS * 2;
    try {
      const needList = !this.listed || this.listed.some((t) => !finished(t) || t.task_id === this.openId);
      if (needList) {
        const tasks = await api.listTasks(PAGE);
        if (mine !== this.asking) {
          return;
        }
        this.draw(tasks);
        open = tasks.find((t) => t.task_id === this.openId) ?? null;
      }
      if (this.openId && !open) {
        const id = this.openId;
        open = await api.getTask(id);
        if (mine !== this.asking || id !== this.openId) {
          return;
        }
      }
      $('tasks-empty').textContent = 'No tasks yet.';
      $('tasks-empty').hidden = this.rows.size > 0;
      delay = open && !finished(open) ? OPEN_MS : this.listed.some((t) => !finished(t)) ? OTHERS_MS : null;
      if (open) {
        this.onOpen(open);
      }
    } catch (e) {
      if (mine !== this.asking) {
        return;
      }
      $('tasks-empty').hidden = false;
      $('tasks-empty').textContent = `Could not read the tasks: ${e.message}`;
    }
    if (delay != null) {
      this.timer = setTimeout(() => this.tick(), document.hidden ? Math.max(delay, HIDDEN_MS) : delay);
    }
  }

  /** Updates each row in place (new ones added), newest first. */
  draw(tasks) {
    this.listed = tasks;
    const order = tasks.map((t) => {
      let tr = this.rows.get(t.task_id);
      if (!tr) {
        tr = row(t.task_id);
        this.rows.set(t.task_id, tr);
      }
      fill(tr, t);
      mark(tr, t.task_id === this.openId);
      return tr;
    });
    const body = $('task-rows');
    // Moved only when the order changed: moving a row would take the focus out of its link.
    if (order.some((tr, i) => body.children[i] !== tr) || body.children.length !== order.length) {
      body.replaceChildren(...order);
    }
  }
}

function row(id) {
  const tr = document.createElement('tr');
  tr.dataset.taskId = id;
  tr.innerHTML = '<td data-label="Task"><a class="open"><code></code></a></td><td data-label="Status"><span class="badge">'
      + '</span></td><td data-label="Created"></td><td data-label="Updated"></td><td data-label="Result"></td>';
  const open = tr.querySelector('a');
  open.href = `#task=${encodeURIComponent(id)}`;
  open.title = `Open task ${id}: its video, faces, timing and result`;
  open.querySelector('code').textContent = id;
  return tr;
}

/** Writes a task into its row, touching only what changed. */
function fill(tr, t) {
  const [, status, created, updated, result] = tr.children;
  const badge = status.firstChild;
  text(badge, t.task_status === 'processing' ? `processing ${t.task_progress ?? 0} %` : t.task_status);
  badge.className = `badge ${t.task_status}`;
  text(created, when(t.created_at));
  text(updated, when(t.updated_at));
  const video = t.task_result?.videos?.[0];
  const key = video?.url ?? (t.task_status === 'failed' ? `!${t.task_status_msg}` : '');
  if (result.dataset.key !== key) {
    result.dataset.key = key;
    if (video?.url) {
      const a = document.createElement('a');
      a.href = video.url;
      a.target = '_blank';
      a.rel = 'noopener';
      a.textContent = `video (${Number(video.duration).toFixed(1)} s)`;
      result.replaceChildren(a);
    } else {
      result.textContent = t.task_status === 'failed' ? t.task_status_msg ?? '' : '';
    }
  }
}

/** The open task's row says so (aria-current "true"; an empty value would mean false). */
function mark(tr, open) {
  if (open) {
    tr.setAttribute('aria-current', 'true');
  } else {
    tr.removeAttribute('aria-current');
  }
}

function text(el, s) {
  if (el.textContent !== s) {
    el.textContent = s;
  }
}

const when = (ms) => new Date(ms).toLocaleString(undefined, {dateStyle: 'short', timeStyle: 'medium'});
