import { parseScript } from './cues/parse-script.ts';
import { exportAudio } from './src/export/export-audio.ts';

const sheet = parseScript('One chapter.');
const timed = { ...sheet, cues: sheet.cues.map((c) => ({ ...c, start: 0, end: 1 })) };
let enc = 0;
const t0 = performance.now();
const u0 = process.cpuUsage();
await exportAudio({
  audio: '/tmp/ten.wav',
  output: `/tmp/ten.${process.argv[2]}`,
  sheet: timed,
  tags: {},
  onProgress: (p) => {
    if (p === 'encoding' && !enc) enc = performance.now();
  },
});
const u = process.cpuUsage(u0);
console.log(
  process.argv[2],
  'encode s',
  ((performance.now() - enc) / 1000).toFixed(1),
  'wall',
  ((performance.now() - t0) / 1000).toFixed(1),
  'cpu user+sys',
  ((u.user + u.system) / 1e6).toFixed(1),
);
