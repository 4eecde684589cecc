// The production export in its own process, so its peak memory is its own: prints JSON.
import { rmSync } from 'node:fs';
import { exportProduction } from '../../src/production/export-production.ts';
import { ownPeakRssMb } from './measure.ts';

const [output, ...recordings] = process.argv.slice(2);
const start = performance.now();
let surveyed = 0;
const rss: number[] = [];
let nextSample = 0;
const result = await exportProduction({
  recordings,
  output: output!,
  bitrate: 64_000,
  tags: { title: 'Bench' },
  onSurvey: (f) => {
    if (f >= 1 && surveyed === 0) surveyed = performance.now();
  },
  onProgress: (phase, fraction) => {
    if (phase === 'encoding' && fraction >= nextSample) {
      rss.push(Math.round(process.memoryUsage().rss / 1e6));
      nextSample += 0.25;
    }
  },
});
const end = performance.now();
console.log(
  JSON.stringify({
    seconds: (end - start) / 1000,
    surveySeconds: ((surveyed || end) - start) / 1000,
    maxRssMb: ownPeakRssMb(),
    rssAlongTheWay: rss,
    chapters: result.file?.chapters.length ?? 0,
    duration: result.file?.duration ?? 0,
  }),
);
if (process.env.CUEWRIGHT_BENCH_KEEP !== '1') rmSync(output!, { force: true });
