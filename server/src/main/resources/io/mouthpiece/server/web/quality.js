// The result's quality report (task_result.quality) beside the "after" video: one line a person can
// act on ("good", or what limited it), and the numbers behind it when opened.

const $ = (id) => document.getElementById(id);
const fixed = (x) => (x == null ? '–' : x.toFixed(2));

/** Why frames inside the speech were left as the source had them, by the report's names. */
const WHY = {
  face_not_found: 'face not found', mouth_covered: 'mouth covered',
  beside_covered: 'beside a covered mouth', no_mouths: 'no usable mouth', faded_out: 'start of the cross-fade',
  outside_picture: 'mouth outside the picture', too_small: 'mouth too small',
};

/** Shows a finished task's reports, one per face; none (a task without one, or unfinished) hides the box. */
export function show(reports) {
  const box = $('quality');
  box.hidden = !reports?.length;
  if (box.hidden) {
    return;
  }
  const many = reports.length > 1;
  const verdict = reports.map((r) => (many ? `Face ${r.face_id}: ` : '') + r.verdict).join(' · ');
  $('quality-verdict').textContent = verdict;
  $('quality-verdict').title = verdict; // the line may be cut short; the whole of it on hover
  box.classList.toggle('warn', reports.some((r) => r.warnings.length > 0));
  $('quality-body').replaceChildren(...reports.map((r) => face(r, many)));
}

function face(r, many) {
  const f = r.frames;
  const l = r.library;
  const s = r.sync;
  const p = r.pauses;
  const why = Object.entries(f.passed_through_why).map(([k, n]) => `${n} ${WHY[k] ?? k}`).join(', ');
  const rows = [
    ['Verdict', r.verdict],
    ['Frames', `${f.rendered} of ${f.total} re-rendered` + (f.outside_window ? `, ${f.outside_window} outside the speech` : '')
      + (f.passed_through ? `, ${f.passed_through} left as they were (${why})` : '')],
    ['Mouths', `${l.mouths} from the source, ${l.distinct_shapes} distinct shapes, opening ${fixed(l.aperture_p5)} to `
      + `${fixed(l.aperture_p95)}`],
    ['Sync', `r ${fixed(s.r)} at ${s.lag_ms} ms (read in ${s.lag_window_ms[0]} to ${s.lag_window_ms[1]} ms); `
      + (s.natural_r == null ? 'the source is silent' : `real speech on this video ${fixed(s.natural_r)}`)
      + `; chance ${fixed(s.chance_r)}` + (s.measurable ? '' : `; too short to judge (${s.frames} frames, under ${s.min_frames})`)],
    ['Pauses', p.count ? `mouth closed in ${p.closed_frames} of ${p.frames} frames of ${p.count} pause${p.count > 1 ? 's' : ''}`
      : 'the speech has no pause'],
  ];
  const el = document.createElement('div');
  if (many) {
    el.append(text('h3', `Face ${r.face_id}`));
  }
  const list = document.createElement('dl');
  for (const [name, value] of rows) {
    list.append(text('dt', name), text('dd', value));
  }
  el.append(list);
  if (r.warnings.length) {
    const warnings = document.createElement('ul');
    warnings.append(...r.warnings.map((w) => text('li', w)));
    el.append(warnings);
  }
  return el;
}

function text(tag, words) {
  const el = document.createElement(tag);
  el.textContent = words;
  return el;
}
