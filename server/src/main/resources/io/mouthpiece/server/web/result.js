// The "after" pane: the open task's status and progress, why it failed if it did, its video beside
// the source once it succeeded with its quality report, Download, and Cancel while it is unfinished.

import * as api from './api.js';
import * as quality from './quality.js';
import {inWords} from './words.js';

const $ = (id) => document.getElementById(id);

const WORDS = {
  submitted: 'Waiting in the queue …',
  processing: 'Working on it …',
  succeed: 'Done.',
  failed: 'It did not work. The service says:',
};

let shown = null; // the task on show, as last drawn

/** Draws a task (null: none, the pane waits for one); returns whether it has a result to play. */
export function show(task) {
  const same = shown?.task_id === task?.task_id;
  shown = task;
  $('stage').classList.toggle('has-task', !!task);
  const status = task?.task_status;
  const cancelled = status === 'failed' && task.task_status_msg === 'cancelled';
  const progress = status === 'succeed' ? 100 : task?.task_progress ?? 0;
  $('task-progress').hidden = !task || status === 'succeed' || status === 'failed';
  $('task-progress').value = progress;
  $('task-status').textContent = !task ? '' : cancelled ? 'Cancelled.'
      : status === 'processing' ? `${WORDS.processing} ${progress} %` : WORDS[status] ?? status;
  $('task-error').textContent = status === 'failed' && !cancelled
    ? inWords(task.task_status_msg || 'The service gave no reason.') : '';
  $('cancel').hidden = !task || status === 'succeed' || status === 'failed';
  if (!same) {
    $('cancel').disabled = false;
  }
  const url = status === 'succeed' ? task.task_result.videos[0]?.url : null;
  const result = $('result');
  if (!url) {
    result.removeAttribute('src');
    result.hidden = true;
  } else if (result.getAttribute('src') !== url) {
    result.src = url;
    result.hidden = false;
  }
  quality.show(url ? task.task_result.quality : null);
  $('result-empty').hidden = !!url;
  $('result-note').textContent = !task ? 'The lip-synced video appears here, beside the original.'
      : cancelled ? 'Cancelled before it was made: change what you like below and make it again.'
      : status === 'failed' ? 'Nothing was made: change what it names, below, and make it again.'
      : 'The lip-synced video will play here once it is made.';
  const link = $('download');
  link.hidden = !url;
  if (url) {
    link.href = url;
    link.setAttribute('download', `mouthpiece-${task.task_id}.mp4`);
  }
  return !!url;
}

/** Cancels the task on show; the pane then says so (or why it could not). */
export async function cancel() {
  if (!shown) {
    return null;
  }
  $('cancel').disabled = true;
  try {
    return await api.cancelTask(shown.task_id);
  } catch (e) {
    $('task-error').textContent = `Could not cancel it: ${e.message}`;
    return null;
  }
}
