// One benchmark task in its own process, so its peak memory is its own: prints JSON.
import { PeakBuilder } from '../../audio/peaks/peak-pyramid.ts';
import { analyzeAudio } from '../../src/audio-io/analyze-audio.ts';
import { probeAudio, streamAudio } from '../../src/audio-io/audio-source.ts';
import { ownPeakRssMb } from './measure.ts';

const [task, path] = process.argv.slice(2);
const start = performance.now();
if (task === 'peaks') {
  const probe = await probeAudio(path!);
  const builder = new PeakBuilder(probe.sampleRate);
  await streamAudio(probe, [builder]);
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
      maxRssMb: ownPeakRssMb(),
    }),
  );
  process.exit(0);
} else if (task === 'export-mp3' || task === 'export-m4b' || task === 'export-flac') {
  const { exportAudio } = await import('../../src/export/export-audio.ts');
  const { parseScript } = await import('../../cues/parse-script.ts');
  const { tmpdir } = await import('node:os');
  const { rmSync } = await import('node:fs');
  const sheet = parseScript('One chapter.');
  const timed = { ...sheet, cues: sheet.cues.map((c) => ({ ...c, start: 0, end: 1 })) };
  const output = `${tmpdir()}/cuewright-bench-export.${task.slice(7)}`;
  // RSS sampled along the way shows whether memory grows with the length.
  const rss: number[] = [];
  let nextSample = 0;
  // The measuring pass is timed on its own so the encode figure compares with ffmpeg's encode.
  const begin = performance.now();
  let encodingStarted = 0;
  await exportAudio({
    audio: path!,
    output,
    sheet: timed,
    tags: { title: 'Bench' },
    onProgress: (phase, fraction) => {
      if (phase === 'encoding' && encodingStarted === 0) encodingStarted = performance.now();
      if (phase === 'encoding' && fraction >= nextSample) {
        rss.push(Math.round(process.memoryUsage().rss / 1e6));
        nextSample += 0.25;
      }
    },
  });
  const end = performance.now();
  rmSync(output, { force: true });
  console.log(
    JSON.stringify({
      seconds: (end - encodingStarted) / 1000,
      totalSeconds: (end - begin) / 1000,
      maxRssMb: ownPeakRssMb(),
      rssAlongTheWay: rss,
    }),
  );
  process.exit(0);
} else if (task === 'export-cancel') {
  // Cancels a 10-hour export half way through encoding: nothing may be left behind.
  const { exportAudio } = await import('../../src/export/export-audio.ts');
  const { parseScript } = await import('../../cues/parse-script.ts');
  const { mkdtempSync, readdirSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(`${tmpdir()}/cuewright-bench-cancel-`);
  const sheet = parseScript('One chapter.');
  const timed = { ...sheet, cues: sheet.cues.map((c) => ({ ...c, start: 0, end: 1 })) };
  const controller = new AbortController();
  let cancelledAt = 0;
  let message = '';
  await exportAudio({
    audio: path!,
    output: `${dir}/book.flac`,
    sheet: timed,
    tags: {},
    signal: controller.signal,
    onProgress: (phase, fraction) => {
      if (phase === 'encoding' && fraction >= 0.5 && cancelledAt === 0) {
        cancelledAt = performance.now();
        controller.abort();
      }
    },
  }).catch((error: Error) => {
    message = error.message;
  });
  console.log(
    JSON.stringify({
      seconds: (performance.now() - cancelledAt) / 1000,
      left: readdirSync(dir),
      message,
      maxRssMb: 0,
    }),
  );
  process.exit(0);
} else if (task === 'align-loops') {
  // Aligns `path` copies of the seed's reading (a long recording with known times); RSS sampled.
  const { loopedReading } = await import('./bench-fixtures.ts');
  const { alignFile } = await import('../../src/align/align-recording.ts');
  const { parseScript } = await import('../../cues/parse-script.ts');
  const { readFileSync } = await import('node:fs');
  const { SAMPLE_SEED } = await import('../support/paths.ts');
  const copies = Number(path);
  const fixture = await loopedReading(copies);
  const text = readFileSync(SAMPLE_SEED, 'utf8');
  const sheet = parseScript(Array.from({ length: copies }, () => text).join('\n\n'));
  const begin = performance.now();
  const rss: number[] = [];
  let next = 0;
  const aligned = await alignFile(sheet, fixture.path, {
    onProgress: (_phase, fraction) => {
      if (fraction >= next) {
        rss.push(Math.round(process.memoryUsage().rss / 1e6));
        next = fraction >= 1 ? 0 : next + 0.5;
      }
    },
  });
  const seconds = (performance.now() - begin) / 1000;
  // Copies after the first may read some lines as other kinds (a title becomes narration), so cues
  // are matched to the known times by their text, in order.
  const known = Array.from({ length: copies }, (_, c) =>
    fixture.truth.cues
      .filter((t) => t.start !== undefined)
      .map((t) => ({
        text: t.text,
        start: t.start! + c * fixture.loopSeconds,
        end: t.end! + c * fixture.loopSeconds,
      })),
  ).flat();
  const errors: number[] = [];
  let k = 0;
  for (const cue of aligned.cues) {
    if (cue.start === undefined) continue;
    let look = k;
    while (look < known.length && look < k + 8 && known[look]!.text !== cue.text) look++;
    if (look >= known.length || known[look]!.text !== cue.text) continue;
    k = look + 1;
    errors.push(Math.abs(cue.start - known[look]!.start), Math.abs(cue.end! - known[look]!.end));
  }
  errors.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      seconds,
      audioSeconds: copies * fixture.loopSeconds,
      maxRssMb: ownPeakRssMb(),
      rssAlongTheWay: rss,
      medianMs: errors[Math.floor(errors.length / 2)]! * 1000,
      p95Ms: errors[Math.floor(errors.length * 0.95)]! * 1000,
      matched: errors.length / 2,
      cues: aligned.cues.length,
    }),
  );
  process.exit(0);
} else if (task === 'align-speech') {
  // A book of human recordings made by the bench (`path`: its folder, with speech-book.txt,
  // speech-book.wav and truth.json), aligned by `engine` (the third argument); RSS sampled.
  const { scoreStarts, figures } = await import('../support/human-speech.ts');
  const { alignFile } = await import('../../src/align/align-recording.ts');
  const { parseScript } = await import('../../cues/parse-script.ts');
  const { readFileSync } = await import('node:fs');
  const engine = (process.argv[4] ?? 'acoustic') as 'acoustic' | 'tts';
  const truth = JSON.parse(readFileSync(`${path}/truth.json`, 'utf8'));
  const audio = `${path}/speech-book.wav`;
  const begin = performance.now();
  const rss: number[] = [];
  let next = 0;
  const aligned = await alignFile(parseScript(readFileSync(`${path}/speech-book.txt`, 'utf8')), audio, {
    engine,
    onProgress: (phase, fraction) => {
      if (phase === 'aligning' && fraction >= next) {
        rss.push(Math.round(process.memoryUsage().rss / 1e6));
        next += 0.25;
      }
    },
  });
  const seconds = (performance.now() - begin) / 1000;
  const probe = await probeAudio(audio);
  const f = figures(scoreStarts(aligned, truth));
  console.log(
    JSON.stringify({
      seconds,
      audioSeconds: probe.frames / probe.sampleRate,
      maxRssMb: ownPeakRssMb(),
      rssAlongTheWay: rss,
      ...f,
    }),
  );
  process.exit(0);
} else if (task === 'loudness') {
  await analyzeAudio(path!);
} else {
  throw new Error(`unknown task ${task}`);
}
const seconds = (performance.now() - start) / 1000;
console.log(JSON.stringify({ seconds, maxRssMb: ownPeakRssMb() }));
