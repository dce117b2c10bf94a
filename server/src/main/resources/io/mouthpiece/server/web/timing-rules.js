// The timing rules of Kling's advanced lip-sync (kling-api.md §2), for live checks on the page.
//
// Why a copy in JavaScript: the page checks on every keystroke and every drag, with no round trip
// to the server. The one source of truth stays the engine's TimingRules.java; this file follows it
// line by line (same order, same skips, same sentences), and TimingRulesParityTest runs a table of
// cases through both, this file inside Chromium, and fails on any difference in a single character.
// Change the two together.

export const MIN_PIECE_MS = 2000;
export const MIN_FACE_OVERLAP_MS = 2000;
export const MIN_AUDIO_MS = 2000;
export const MAX_AUDIO_MS = 60000;
export const MAX_GAIN = 2.0;

/**
 * The rules that need only the request, the video's duration and the chosen face's time span.
 * r: {soundStartMs, soundEndMs, soundInsertMs, soundVolume, originalAudioVolume}.
 * Returns [{field, message}], empty when all is well.
 */
export function checkRequest(fieldPrefix, r, videoDurationMs, faceStartMs, faceEndMs) {
  const f = fields(fieldPrefix);
  const startOk = r.soundStartMs >= 0;
  if (!startOk) {
    f.add('sound_start_time', `must be at least 0 ms (got ${r.soundStartMs} ms)`);
  }
  const lengthMs = r.soundEndMs - r.soundStartMs;
  const lengthOk = startOk && lengthMs >= MIN_PIECE_MS;
  if (startOk && !lengthOk) {
    f.add('sound_end_time', `must be at least ${MIN_PIECE_MS} ms after sound_start_time (got ${lengthMs} ms: `
        + `${r.soundStartMs} to ${r.soundEndMs} ms)`);
  }
  const insertOk = r.soundInsertMs >= 0;
  if (!insertOk) {
    f.add('sound_insert_time', `must be at least 0 ms (got ${r.soundInsertMs} ms)`);
  }
  if (lengthOk && insertOk) {
    const pieceEndMs = r.soundInsertMs + lengthMs;
    if (pieceEndMs > videoDurationMs) {
      f.add('sound_insert_time', `the piece must lie inside the video: inserted at ${r.soundInsertMs} ms and `
          + `${lengthMs} ms long it ends at ${pieceEndMs} ms, after the video's end at ${videoDurationMs} ms`);
    } else {
      const overlapMs = Math.max(0, Math.min(pieceEndMs, faceEndMs) - Math.max(r.soundInsertMs, faceStartMs));
      if (overlapMs < MIN_FACE_OVERLAP_MS) {
        f.add('sound_insert_time', `the piece must overlap the face's time by at least ${MIN_FACE_OVERLAP_MS} ms: `
            + `placed at ${r.soundInsertMs} to ${pieceEndMs} ms, the face is there from ${faceStartMs} to `
            + `${faceEndMs} ms (overlap ${overlapMs} ms)`);
      }
    }
  }
  checkGain(f, 'sound_volume', r.soundVolume);
  checkGain(f, 'original_audio_volume', r.originalAudioVolume);
  return f.violations;
}

/** The rules that need the audio's length: its own duration, and the piece inside it. */
export function checkAudio(fieldPrefix, r, audioDurationMs) {
  const f = fields(fieldPrefix);
  if (audioDurationMs < MIN_AUDIO_MS || audioDurationMs > MAX_AUDIO_MS) {
    f.add('sound_file', `the audio must be ${MIN_AUDIO_MS} to ${MAX_AUDIO_MS} ms long (got ${audioDurationMs} ms)`);
  }
  if (r.soundEndMs > audioDurationMs) {
    f.add('sound_end_time', `must be at most the audio's length, ${audioDurationMs} ms (got ${r.soundEndMs} ms)`);
  }
  return f.violations;
}

/** Both parts at once, when everything is known. */
export function check(fieldPrefix, r, audioDurationMs, videoDurationMs, faceStartMs, faceEndMs) {
  return checkRequest(fieldPrefix, r, videoDurationMs, faceStartMs, faceEndMs)
      .concat(checkAudio(fieldPrefix, r, audioDurationMs));
}

function checkGain(f, field, gain) {
  if (!(gain >= 0 && gain <= MAX_GAIN)) {
    f.add(field, `must be between 0 and ${javaDouble(MAX_GAIN)} (got ${javaDouble(gain)})`);
  }
}

function fields(prefix) {
  const p = prefix ?? '';
  const violations = [];
  return {violations, add(field, rule) {
    const name = p + field;
    violations.push({field: name, message: `${name}: ${rule}`});
  }};
}

/** A double as Java's Double.toString writes it ("2.0", "0.5", "1.0E-4", "NaN"), for the messages to match. */
export function javaDouble(x) {
  if (!Number.isFinite(x)) {
    return Number.isNaN(x) ? 'NaN' : (x > 0 ? 'Infinity' : '-Infinity');
  }
  const a = Math.abs(x);
  if (a === 0 || (a >= 1e-3 && a < 1e7)) {
    const s = String(x);
    return s.includes('.') ? s : s + '.0';
  }
  // Computerized scientific notation: one digit, a point, at least one more digit, E, the exponent.
  const [mantissa, exp] = x.toExponential().split('e');
  return (mantissa.includes('.') ? mantissa : mantissa + '.0') + 'E' + Number(exp);
}
