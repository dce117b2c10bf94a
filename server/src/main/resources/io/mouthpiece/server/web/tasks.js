// The task after submit (status and progress polled live, then the result or the reason it failed)
// and the list of the account's tasks.

import * as api from './api.js';

const $ = (id) => document.getElementById(id);
const POLL_MS = 1000;

const WORDS = {
  submitted: 'Waiting in the queue …',
  processing: 'Working on it …',
  succeed: 'Done.',
  failed: 'It did not work. The service says:',
};

/** Polls one task until it is finished, showing each step; calls onFinish(task) at the end. */
export async function follow(taskId, onFinish) {
  $('step-task').hidden = false;
  $('task-error').textContent = '';
  $('result').hidden = true;
  $('download').hidden = true;
  let last = '';
  for (;;) {
    let task;
    try {
      task = await api.getTask(taskId);
    } catch (e) {
      $('task-error').textContent = `Could not read the task: ${e.message}`;
      await sleep(POLL_MS * 3);
      continue;
    }
    const progress = task.task_progress ?? 0;
    $('task-progress').value = task.task_status === 'succeed' ? 100 : progress;
    $('task-status').textContent = task.task_status === 'processing'
      ? `${WORDS.processing} ${progress} %` : WORDS[task.task_status] ?? task.task_status;
    const seen = `${task.task_status} ${progress}`;
    if (seen !== last) { // the list shows status and progress too: keep it in step
      last = seen;
      refreshList();
    }
    if (task.task_status === 'succeed') {
      const url = task.task_result.videos[0].url;
      const result = $('result');
      result.src = url;
      result.hidden = false;
      const link = $('download');
      link.href = url;
      link.setAttribute('download', `mouthpiece-${task.task_id}.mp4`);
      link.hidden = false;
      result.scrollIntoView({block: 'nearest'});
      onFinish(task);
      return;
    }
    if (task.task_status === 'failed') {
      $('task-error').textContent = task.task_status_msg || 'The service gave no reason.';
      onFinish(task);
      return;
    }
    await sleep(POLL_MS);
  }
}

/** Fills the task table from the list endpoint, newest first. */
export async function refreshList() {
  let tasks;
  try {
    tasks = await api.listTasks();
  } catch (e) {
    $('tasks-empty').hidden = false;
    $('tasks-empty').textContent = `Could not list the tasks: ${e.message}`;
    return;
  }
  $('tasks-empty').hidden = tasks.length > 0;
  $('tasks-empty').textContent = 'No tasks yet.';
  $('task-rows').replaceChildren(...tasks.map(row));
}

function row(t) {
  const tr = document.createElement('tr');
  tr.dataset.taskId = t.task_id;
  const cell = (label, content) => {
    const td = document.createElement('td');
    td.dataset.label = label; // shown before the value on narrow screens, where rows become cards
    td.append(content);
    tr.append(td);
    return td;
  };
  const id = document.createElement('code');
  id.textContent = t.task_id;
  id.title = t.task_id;
  cell('Task', id);
  const status = document.createElement('span');
  status.className = `badge ${t.task_status}`;
  status.textContent = t.task_status === 'processing' ? `processing ${t.task_progress ?? 0} %` : t.task_status;
  cell('Status', status);
  cell('Created', when(t.created_at));
  cell('Updated', when(t.updated_at));
  const video = t.task_result?.videos?.[0];
  if (video?.url) {
    const a = document.createElement('a');
    a.href = video.url;
    a.target = '_blank';
    a.rel = 'noopener';
    a.textContent = `video (${Number(video.duration).toFixed(1)} s)`;
    cell('Result', a);
  } else {
    cell('Result', t.task_status === 'failed' ? t.task_status_msg ?? '' : '');
  }
  return tr;
}

const when = (ms) => new Date(ms).toLocaleString(undefined, {dateStyle: 'short', timeStyle: 'medium'});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
