// The speech's waveform for the timeline: the audio decoded in the browser (Web Audio's
// decodeAudioData), kept as the loudest sample of every 10 ms, and drawn for the part of the
// audio a piece uses, so a person can see where the words are and put them where the mouth moves.

const RATE = 8000; // decoding resamples to this: plenty for a drawing, a sixth of the memory of 48 kHz
const BUCKET_MS = 10;

/** {ms, peaks}: the audio's length and the largest |sample| of each 10 ms (any channel), 0..1. */
export async function decode(bytes) {
  const audio = await new OfflineAudioContext(1, RATE, RATE).decodeAudioData(bytes);
  const per = Math.round((audio.sampleRate * BUCKET_MS) / 1000);
  const peaks = new Float32Array(Math.ceil(audio.length / per));
  for (let c = 0; c < audio.numberOfChannels; c++) {
    const x = audio.getChannelData(c);
    for (let i = 0; i < x.length; i++) {
      const b = (i / per) | 0;
      peaks[b] = Math.max(peaks[b], Math.abs(x[i]));
    }
  }
  // Scaled so the loudest stretch fills the height: a quiet recording is as readable as a loud one.
  const top = peaks.reduce((m, v) => Math.max(m, v), 0) || 1;
  return {ms: Math.round(audio.duration * 1000), peaks: peaks.map((v) => v / top)};
}

/** Draws fromMs..toMs of the audio across the canvas: one bar a pixel column, centred. */
export function draw(canvas, wave, fromMs, toMs) {
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.max(1, Math.round(w * dpr));
  canvas.height = Math.max(1, Math.round(h * dpr));
  const g = canvas.getContext('2d');
  g.scale(dpr, dpr);
  g.fillStyle = 'rgba(67, 20, 7, .8)';
  const span = toMs - fromMs;
  for (let x = 0; x < w; x++) {
    const first = Math.floor((fromMs + (span * x) / w) / BUCKET_MS);
    const last = Math.max(first + 1, Math.ceil((fromMs + (span * (x + 1)) / w) / BUCKET_MS));
    let v = 0;
    for (let i = Math.max(0, first); i < last && i < wave.peaks.length; i++) {
      v = Math.max(v, wave.peaks[i]);
    }
    const bar = Math.max(1, v * (h - 4));
    g.fillRect(x, (h - bar) / 2, 1, bar);
  }
}
