// The timing rules of Kling's advanced lip-sync (kling-api.md §2), for live checks on the page.
//
// Why checks in JavaScript: the page checks on every keystroke and every drag, with no round trip
// to the server. The numbers and the sentences are not copied: they come from the engine, as data
// the service puts in the page (#timing-rules, made from TimingRules and Rule). Only the order of the
// checks is written here; it follows TimingRules.java line by line (same order, same skips), and
// TimingRulesParityTest runs a table of cases through both, this file inside Chromium, and fails
// on any difference in a single character. Change the two together.

const RULES = JSON.parse(document.getElementById('timing-rules').textContent);

export const {MIN_PIECE_MS, MIN_FACE_OVERLAP_MS, MIN_AUDIO_MS, MAX_AUDIO_MS, MAX_GAIN} = RULES.limits;

/**
 * The rules that need only the request, the video's duration and the chosen face's time span.
 * r: {soundStartMs, soundEndMs, soundInsertMs, soundVolume, originalAudioVolume}.
 * Returns [{field, message}], empty when all is well.
 */
export function checkRequest(fieldPrefix, r, videoDurationMs, faceStartMs, faceEndMs) {
  const f = fields(fieldPrefix);
  const startOk = r.soundStartMs >= 0;
  if (!startOk) {
    f.add('AUDIO_START', 'NOT_BEFORE_ZERO', r.soundStartMs);
  }
  const lengthMs = r.soundEndMs - r.soundStartMs;
  const lengthOk = startOk && lengthMs >= MIN_PIECE_MS;
  if (startOk && !lengthOk) {
    f.add('AUDIO_END', 'PIECE_TOO_SHORT', MIN_PIECE_MS, lengthMs, r.soundStartMs, r.soundEndMs);
  }
  const insertOk = r.soundInsertMs >= 0;
  if (!insertOk) {
    f.add('INSERT', 'NOT_BEFORE_ZERO', r.soundInsertMs);
  }
  if (lengthOk && insertOk) {
    const pieceEndMs = r.soundInsertMs + lengthMs;
    if (pieceEndMs > videoDurationMs) {
      f.add('INSERT', 'PIECE_PAST_VIDEO', r.soundInsertMs, lengthMs, pieceEndMs, videoDurationMs);
    } else {
      const overlapMs = Math.max(0, Math.min(pieceEndMs, faceEndMs) - Math.max(r.soundInsertMs, faceStartMs));
      if (overlapMs < MIN_FACE_OVERLAP_MS) {
        f.add('INSERT', 'TOO_LITTLE_FACE', MIN_FACE_OVERLAP_MS, r.soundInsertMs, pieceEndMs, faceStartMs, faceEndMs,
            overlapMs);
      }
    }
  }
  checkGain(f, 'GAIN', r.soundVolume);
  checkGain(f, 'ORIGINAL_GAIN', r.originalAudioVolume);
  return f.violations;
}

/** The rules that need the audio's length: its own duration, and the piece inside it. */
export function checkAudio(fieldPrefix, r, audioDurationMs) {
  const f = fields(fieldPrefix);
  if (audioDurationMs < MIN_AUDIO_MS || audioDurationMs > MAX_AUDIO_MS) {
    f.add('AUDIO', 'AUDIO_LENGTH', MIN_AUDIO_MS, MAX_AUDIO_MS, audioDurationMs);
  }
  if (r.soundEndMs > audioDurationMs) {
    f.add('AUDIO_END', 'PAST_AUDIO_END', audioDurationMs, r.soundEndMs);
  }
  return f.violations;
}

/** Both parts at once, when everything is known. */
export function check(fieldPrefix, r, audioDurationMs, videoDurationMs, faceStartMs, faceEndMs) {
  return checkRequest(fieldPrefix, r, videoDurationMs, faceStartMs, faceEndMs)
      .concat(checkAudio(fieldPrefix, r, audioDurationMs));
}

function checkGain(f, value, gain) {
  if (!(gain >= 0 && gain <= MAX_GAIN)) {
    f.add(value, 'GAIN_OUT_OF_RANGE', javaDouble(MAX_GAIN), javaDouble(gain));
  }
}

/**
 * Collects violations as the server words them: value (a RequestValue of the engine) breaks rule
 * (a Rule), whose sentence quotes the facts: {0} the first, {AUDIO_START} that value's name.
 * Facts are numbers printed as Java prints a long, or strings already shown (gains, by javaDouble).
 */
function fields(prefix) {
  const p = prefix ?? '';
  const violations = [];
  return {violations, add(value, rule, ...facts) {
    const name = p + RULES.names[value];
    const sentence = RULES.sentences[rule].replace(/\{([0-9]+|[A-Z_]+)\}/g,
        (slot, key) => (/^[0-9]/.test(key) ? String(facts[Number(key)]) : RULES.names[key]));
    violations.push({field: name, message: `${name}: ${sentence}`});
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
