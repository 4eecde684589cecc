// One benchmark task in its own process, so its peak memory is its own: prints JSON.
import { PeakBuilder } from '../../audio/peaks/peak-pyramid.ts';
import { analyzeAudio } from '../../src/audio-io/analyze-audio.ts';
import { probeAudio, streamAudio } from '../../src/audio-io/audio-source.ts';

const [task, path] = process.argv.slice(2);
const start = performance.now();
if (task === 'peaks') {
  const { sampleRate } = await probeAudio(path!);
  const builder = new PeakBuilder(sampleRate);
  await streamAudio(path!, [builder]);
  builder.finish();
} else if (task === 'peaks-cached') {
  // The second open of a file: peaks come from the cache beside the project.
  const { loadPeaks } = await import('../../src/audio-io/peaks-cache.ts');
  const { mkdtempSync } = await import('node:fs');
  const cache = mkdtempSync(`${(await import('node:os')).tmpdir()}/cuewright-bench-peaks-`);
  await loadPeaks(path!, cache);
  const again = performance.now();
  const second = await loadPeaks(path!, cache);
  if (!second.fromCache) throw new Error('the second open did not use the cache');
  console.log(
    JSON.stringify({
      seconds: (performance.now() - again) / 1000,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
  process.exit(0);
} else if (task === 'loudness') {
  await analyzeAudio(path!);
} else {
  throw new Error(`unknown task ${task}`);
}
const seconds = (performance.now() - start) / 1000;
console.log(JSON.stringify({ seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
