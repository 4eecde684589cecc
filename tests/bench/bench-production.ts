import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_DIR, hourOfNarration } from './bench-fixtures.ts';
import { row } from './measure.ts';

// The m4b-tool merge at book scale: FILES recordings of MINUTES each (MP3 64 kbps, as narrators
// deliver them) into one chaptered M4B at 64 kbps, beside ffmpeg's concat demuxer + its AAC
// encoder on the same files in the same run. Goal (issue 16): 20 x 30 min in <= 600 MB peak RSS
// at >= 0.9x ffmpeg's speed. CUEWRIGHT_BENCH_PRODUCTION=FILESxMINUTES scales it ("4x3" to try it).

const TASK = fileURLToPath(new URL('./bench-production-task.ts', import.meta.url));

/** MP3 (default, what narrators send and m4b-tool merges) or WAV (CUEWRIGHT_BENCH_PRODUCTION_FORMAT=wav). */
const FORMAT = process.env.CUEWRIGHT_BENCH_PRODUCTION_FORMAT === 'wav' ? 'wav' : 'mp3';

function scale(): { files: number; minutes: number } {
  const [files, minutes] = (process.env.CUEWRIGHT_BENCH_PRODUCTION ?? '20x30').split('x').map(Number);
  if (!files || !minutes) throw new Error('CUEWRIGHT_BENCH_PRODUCTION is FILESxMINUTES, e.g. 20x30');
  return { files, minutes };
}

/** FILES MP3s of MINUTES each, cut from the bench's hour of narration (cached). */
export async function recordings(files: number, minutes: number): Promise<string[]> {
  const hour = await hourOfNarration();
  const dir = join(BENCH_DIR, `production-${files}x${minutes}`);
  mkdirSync(dir, { recursive: true });
  const out: string[] = [];
  for (let i = 0; i < files; i++) {
    const path = join(dir, `chapter-${String(i + 1).padStart(2, '0')}.${FORMAT}`);
    if (!existsSync(path)) {
      // Each file starts somewhere else in the hour, so no two are the same.
      const from = (i * 7 * 60) % Math.max(1, 3600 - minutes * 60);
      const made = spawnSync('ffmpeg', [
        '-v',
        'error',
        '-y',
        '-ss',
        String(from),
        '-t',
        String(minutes * 60),
        '-i',
        hour,
        ...(FORMAT === 'mp3' ? ['-c:a', 'libmp3lame', '-b:a', '64k'] : []),
        '-metadata',
        `title=Chapter ${i + 1}`,
        `${path}.tmp.${FORMAT}`,
      ]);
      if (made.status !== 0) throw new Error(`ffmpeg could not make ${path}: ${made.stderr}`);
      spawnSync('mv', [`${path}.tmp.${FORMAT}`, path]);
    }
    out.push(path);
  }
  return out;
}

export async function benchProduction(): Promise<void> {
  if (spawnSync('ffmpeg', ['-version']).status !== 0) {
    console.log('\nProduction merge: skipped (ffmpeg, the reference, is not installed)');
    return;
  }
  const { files, minutes } = scale();
  console.log(
    `\nProduction merge (${files} ${FORMAT === 'mp3' ? 'MP3 64k' : 'WAV 16-bit'} files x ${minutes} min, 44.1 kHz mono → one M4B 64k with a chapter per file)`,
  );
  const inputs = await recordings(files, minutes);
  const hours = (files * minutes) / 60;
  const output = join(tmpdir(), 'cuewright-bench-production.m4b');
  const run = spawnSync(process.execPath, ['--import', 'tsx', TASK, output, ...inputs], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (run.status !== 0) throw new Error(`bench production failed: ${run.stderr}`);
  const ours = JSON.parse(run.stdout.trim().split('\n').pop()!) as {
    seconds: number;
    surveySeconds: number;
    maxRssMb: number;
    rssAlongTheWay: number[];
    chapters: number;
  };
  const list = join(tmpdir(), 'cuewright-bench-production.txt');
  writeFileSync(list, inputs.map((p) => `file '${p.replace(/'/g, "'\\''")}'`).join('\n'));
  const reference = join(tmpdir(), 'cuewright-bench-production-ffmpeg.m4b');
  const begin = performance.now();
  const ff = spawnSync('ffmpeg', [
    '-v',
    'error',
    '-nostdin',
    '-y',
    '-f',
    'concat',
    '-safe',
    '0',
    '-i',
    list,
    '-c:a',
    'aac',
    '-b:a',
    '64k',
    reference,
  ]);
  const ffSeconds = (performance.now() - begin) / 1000;
  if (ff.status !== 0) throw new Error(`ffmpeg concat: ${ff.stderr}`);
  const size = statSync(reference).size;
  rmSync(reference, { force: true });
  rmSync(list, { force: true });
  row(
    `merge ${hours.toFixed(1)} h, ${files} files → M4B`,
    `${ours.seconds.toFixed(1)} s (survey ${ours.surveySeconds.toFixed(1)} s)`,
    `${((hours * 3600) / ours.seconds).toFixed(0)}x realtime`,
    `${ours.maxRssMb.toFixed(0)} MB peak RSS (goal 600)`,
    `RSS along the encode ${ours.rssAlongTheWay.join(' → ')} MB`,
    `${ours.chapters} chapters`,
  );
  row(
    'ffmpeg concat demuxer + aac 64k',
    `${ffSeconds.toFixed(1)} s`,
    `ours/ffmpeg speed ${(ffSeconds / ours.seconds).toFixed(2)}x (goal 0.9)`,
    `(its file ${(size / 1e6).toFixed(0)} MB, no chapters)`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await benchProduction();
