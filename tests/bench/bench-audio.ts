import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { hourOfNarration, mp3Of } from './bench-fixtures.ts';
import { row } from './measure.ts';

const TASK = fileURLToPath(new URL('./bench-task.ts', import.meta.url));

export function ours(
  task: string,
  path: string,
  ...extra: string[]
): { seconds: number; maxRssMb: number; totalSeconds?: number; rssAlongTheWay?: number[] } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', TASK, task, path, ...extra], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (result.status !== 0) throw new Error(`bench task ${task} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!);
}

function ffmpegSeconds(args: string[]): number {
  const start = performance.now();
  const result = spawnSync('ffmpeg', ['-v', 'error', '-nostdin', ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ffmpeg ${args.join(' ')}: ${result.stderr}`);
  return (performance.now() - start) / 1000;
}

const HOUR = 3600;

/** Decode + peaks and loudness of 1 hour of narration, each beside ffmpeg on the same file. */
export async function benchAudio(): Promise<void> {
  const ffmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
  console.log('\nAudio engine (1 hour of narration, 44.1 kHz mono; each task in its own process)');
  const wav = await hourOfNarration();
  const inputs = ffmpeg ? [['WAV', wav] as const, ['MP3 64k', mp3Of(wav)] as const] : [['WAV', wav] as const];
  for (const [name, path] of inputs) {
    const peaks = ours('peaks', path);
    const figures = [
      `${peaks.seconds.toFixed(2)} s`,
      `${(HOUR / peaks.seconds).toFixed(0)}x realtime`,
      `${peaks.maxRssMb.toFixed(0)} MB peak RSS`,
    ];
    if (ffmpeg) {
      const reference = ffmpegSeconds(['-i', path, '-f', 'null', '-']);
      figures.push(
        `ffmpeg decode-only ${reference.toFixed(2)} s`,
        `ours/ffmpeg speed ${(reference / peaks.seconds).toFixed(2)}x`,
      );
    }
    row(`decode + peaks, ${name}`, ...figures);
  }
  const cached = ours('peaks-cached', wav);
  row('peaks, second open (from the cache)', `${(cached.seconds * 1000).toFixed(0)} ms`);
  const loudness = ours('loudness', wav);
  const figures = [
    `${loudness.seconds.toFixed(2)} s`,
    `${(HOUR / loudness.seconds).toFixed(0)}x realtime`,
    `${loudness.maxRssMb.toFixed(0)} MB peak RSS`,
  ];
  if (ffmpeg) {
    const reference = ffmpegSeconds(['-i', wav, '-af', 'ebur128=peak=true', '-f', 'null', '-']);
    figures.push(
      `ffmpeg ebur128 ${reference.toFixed(2)} s`,
      `ours/ffmpeg speed ${(reference / loudness.seconds).toFixed(2)}x`,
    );
  }
  row('loudness + true peak + ACX + pauses, WAV', ...figures);

  console.log('\nExport (the same hour, encode pass; the measuring pass before it shown as total)');
  for (const [format, args] of [
    ['mp3', ['-c:a', 'libmp3lame', '-b:a', '64k']],
    ['m4b', ['-c:a', 'aac', '-b:a', '64k']],
  ] as const) {
    const run = ours(`export-${format}`, wav);
    const figures = [
      `${run.seconds.toFixed(1)} s`,
      `${(HOUR / run.seconds).toFixed(0)}x realtime`,
      `total ${run.totalSeconds!.toFixed(1)} s`,
      `${run.maxRssMb.toFixed(0)} MB peak RSS`,
    ];
    if (ffmpeg) {
      const reference = ffmpegSeconds([
        '-y',
        '-i',
        wav,
        ...args,
        '-f',
        format === 'mp3' ? 'mp3' : 'mp4',
        '/dev/null',
      ]);
      figures.push(
        `native ffmpeg ${reference.toFixed(1)} s`,
        `ours/ffmpeg speed ${(reference / run.seconds).toFixed(2)}x`,
      );
    }
    // One encoder per core (up to 4) on stretches of the hour, spliced after.
    const how = `, ${Math.min(4, availableParallelism())} ${format === 'm4b' ? 'AAC' : 'LAME'} encoders at once`;
    row(`encode 1 h to ${format.toUpperCase()} (64 kbps, chapters${how})`, ...figures);
  }

  console.log('\nLong export (10 hours of narration, WAV -> FLAC, streaming end to end)');
  const tenHours = await hourOfNarration(10);
  const long = ours('export-flac', tenHours);
  row(
    'export 10 h to FLAC',
    `${long.totalSeconds!.toFixed(0)} s`,
    `${long.maxRssMb.toFixed(0)} MB peak RSS`,
    `RSS at 0/25/50/75/100 %: ${long.rssAlongTheWay!.join('/')} MB`,
  );
  const cancelled = ours('export-cancel', tenHours) as unknown as {
    seconds: number;
    left: string[];
    message: string;
  };
  row(
    'the same export cancelled half way',
    `stopped ${cancelled.seconds.toFixed(2)} s after the cancel`,
    `files left in the folder: ${cancelled.left.length === 0 ? 'none' : cancelled.left.join(', ')}`,
    `error: "${cancelled.message}"`,
  );
}
