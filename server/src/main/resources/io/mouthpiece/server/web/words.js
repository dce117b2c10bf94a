// What the page says to a person: the server's rules with the page's own labels in place of the
// API's field names, and problems with a file as one sentence saying what is wrong and what to do.

/** The labels on the page, by the request field they fill. */
export const LABELS = {
  sound_start_time: 'Audio from',
  sound_end_time: 'Audio to',
  sound_insert_time: 'Starts on the video at',
  sound_volume: 'Speech volume',
  original_audio_volume: "Volume of the video's own sound",
  sound_file: 'Audio',
  audio_id: 'Audio',
};

const FIELD = new RegExp(`\\b(?:face_choose\\[\\d+\\]\\.)?(${Object.keys(LABELS).join('|')})\\b`, 'g');

/**
 * A rule's message in the page's words: "sound_end_time: must be at least 2000 ms after
 * sound_start_time (…)" reads "Audio to: must be at least 2000 ms after “Audio from” (…)".
 */
export function inWords(message) {
  const lead = message.match(/^(?:face_choose\[\d+\]\.)?(\w+): /);
  const head = lead && LABELS[lead[1]] ? `${LABELS[lead[1]]}: ` : lead ? lead[0] : '';
  return head + message.slice(lead ? lead[0].length : 0).replace(FIELD, (m, f) => `“${LABELS[f]}”`);
}

const WANT = {
  video: 'choose an MP4 or MOV video, 2 to 60 seconds long',
  audio: 'choose an audio file (WAV, MP3, M4A or AAC), 2 to 60 seconds long',
};

/**
 * Why a file cannot be used, as one sentence: what is wrong, then what to do. `want` is what the
 * place it was given asks for ("video" or "audio"); `err` the server's refusal, or a kind found
 * ("audio" for a sound file given as the video).
 */
export function fileProblem(name, want, {err, kind} = {}) {
  const fix = WANT[want];
  if (kind) {
    const other = want === 'video' ? 'the speech goes with a face, after the video' : 'the video goes in step 1';
    return `${name} is ${kind === 'audio' ? 'an audio file' : 'a video'}, not ${want === 'video' ? 'a video' : 'audio'}: `
        + `${fix} (${other}).`;
  }
  const said = (err?.message ?? String(err)).replace(/^file: /, '');
  if (/^neither a decodable|^not a decodable|^not decodable/.test(said)) {
    return `${name} is not ${want === 'video' ? 'a video' : 'audio'} this service can read: ${fix}.`;
  }
  const got = said.match(/long, got ([\d.]+ s)/);
  if (/longer than/.test(said) || got) {
    return `${name} is ${got ? `${got[1]} long` : 'longer than 60 s'}: ${fix}.`;
  }
  if (err?.status === 0 || err?.code === -1) {
    return `${name} could not be sent: ${said}`;
  }
  return `${name} cannot be used (${said}): ${fix}.`;
}
