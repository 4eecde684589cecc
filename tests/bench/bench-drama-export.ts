import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScript } from '../../cues/parse-script.ts';
import { type PickedTake, placeTakes } from '../../cues/production/place-takes.ts';
import { PROJECT_VERSION, type ProjectFile } from '../../src/project/project-schema.ts';
import { SPEECH_DIR } from '../support/human-speech.ts';
import { ffmpeg, tempDir } from '../support/signals.ts';
import { row } from './measure.ts';

// Exporting an assembled audio drama (issue 17) at the bench size: 30 minutes, 4 actors,
// a sound effect and a music bed. The project is built directly (assembling it is benched in
// bench-assemble.ts): each actor's take file is real speech (the shared corpus, human-speech.ts)
// looped at 44.1 kHz, each line a 4 s stretch of it laid out by placeTakes as assemble
// lays picks out. Each export runs as its own `cuewright export` process under /usr/bin/time, so
// the wall time and peak RSS are the export's own. The mix streams block by block: its peak
// memory should not grow with the drama's length (the CLI itself, loaded through tsx, is about
// 270 MB of it). Before the mix streamed (ec9632e): 37 s and 3.5 GB for mix and stems of these
// 30 minutes, 27 s and 3.2 GB to M4B; streamed: 12 s and 341 MB, 19 s and 418 MB.
// Run alone: npx tsx tests/bench/bench-drama-export.ts [--build DIR] [--minutes N]

const ACTORS = ['ALICE', 'BRUNO', 'CLARA', 'DMITRI'];
const LINE_SECONDS = 4;
const SPEECH = join(SPEECH_DIR, 'casual/acoustic_corpus.wav');

/** Writes a `minutes`-long 4-actor drama project into `dir`; returns its path. */
export function buildDramaExportFixture(dir: string, minutes: number): string {
  mkdirSync(dir, { recursive: true });
  const lines = Math.ceil((minutes * 60) / (LINE_SECONDS + 0.35));
  const perActor = Math.ceil(lines / ACTORS.length);
  const takeSeconds = perActor * LINE_SECONDS + 2;
  const recordings = ACTORS.map((actor, i) => {
    const path = join(dir, `${actor.toLowerCase()}.wav`);
    // Each actor its own pitch, so the lanes differ.
    ffmpeg([
      '-stream_loop',
      '-1',
      '-i',
      SPEECH,
      '-t',
      String(takeSeconds),
      '-af',
      `asetrate=16000*${1 + i * 0.06},aresample=44100,volume=${1 - i * 0.15}`,
      '-ac',
      '1',
      '-ar',
      '44100',
      '-c:a',
      'pcm_s16le',
      path,
    ]);
    return { id: actor.toLowerCase(), path, size: statSync(path).size, duration: takeSeconds };
  });
  const sfx = join(dir, 'thunder.wav');
  ffmpeg(['-f', 'lavfi', '-i', 'anoisesrc=d=3:c=brown:a=0.4', '-ar', '44100', '-ac', '1', sfx]);
  const music = join(dir, 'theme.wav');
  ffmpeg(['-f', 'lavfi', '-i', 'sine=f=220:d=240', '-af', 'volume=0.3', '-ar', '44100', '-ac', '1', music]);
  const text = ['[MUSIC: opening theme]', ''];
  for (let n = 0; n < lines; n++) {
    text.push(`${ACTORS[n % ACTORS.length]}: This is line number ${n + 1} of the long drama.`, '');
    if (n === 10) text.push('[SFX: thunder]', '');
  }
  const scriptText = text.join('\n');
  const sheet = parseScript(scriptText, { format: 'drama' });
  const used = new Map<string, number>();
  const picks: PickedTake[] = [];
  const takes: NonNullable<ProjectFile['takes']> = [];
  for (const cue of sheet.cues) {
    if (cue.kind !== 'dialogue' || !cue.speaker) continue;
    const id = cue.speaker.toLowerCase();
    const k = used.get(id) ?? 0;
    used.set(id, k + 1);
    const take = { recording: id, start: 1 + k * LINE_SECONDS, end: 1 + (k + 1) * LINE_SECONDS - 0.2 };
    picks.push({ cue: cue.id, ...take, duration: takeSeconds });
    takes.push({ cue: cue.id, takes: [{ ...take, complete: true, words: 9, of: 9, fit: 1 }], pick: 0 });
  }
  const { clips, placements } = placeTakes(sheet.cues, picks);
  const soundCue = (kind: string) => sheet.cues.find((c) => c.kind === kind)!.id;
  const project: ProjectFile = {
    app: 'cuewright',
    version: PROJECT_VERSION,
    script: { path: join(dir, 'drama.txt'), text: scriptText },
    recordings,
    timeline: clips,
    placements,
    takes,
    sounds: [
      { cue: soundCue('music'), lane: 'Music', path: music },
      { cue: soundCue('sfx'), lane: 'SFX', path: sfx },
    ],
    sheet,
    savedAt: new Date().toISOString(),
  };
  const out = join(dir, 'drama.cwproj');
  writeFileSync(join(dir, 'drama.txt'), scriptText);
  writeFileSync(out, JSON.stringify(project, null, 1));
  return out;
}

/** Runs `cuewright ARGS` under /usr/bin/time: wall seconds and peak RSS (MB). */
export function timedCli(args: string[], cwd = process.cwd()): { seconds: number; peakMb: number } {
  const run = spawnSync(
    '/usr/bin/time',
    ['-f', 'TIME %e %M', 'node', join(cwd, 'bin/cuewright.js'), ...args],
    {
      cwd,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    },
  );
  const match = /TIME ([\d.]+) (\d+)/.exec(run.stderr);
  if (run.status !== 0 || !match)
    throw new Error(`cuewright ${args.join(' ')} failed: ${run.stderr.slice(-2000)}`);
  return { seconds: Number(match[1]), peakMb: Number(match[2]) / 1024 };
}

export async function benchDramaExport(minutes = 30): Promise<void> {
  console.log(`\nAudio drama export (${minutes} min, 4 actors, a sound effect and a music bed, 44.1 kHz)`);
  const dir = tempDir('bench-drama-export');
  const project = buildDramaExportFixture(dir, minutes);
  try {
    exportBoth(dir, project);
  } finally {
    // Float stems of 30 minutes are 330 MB each.
    rmSync(dir, { recursive: true, force: true });
  }
}

function exportBoth(dir: string, project: string): void {
  const m4b = timedCli(['export', project, '-o', join(dir, 'drama.m4b')]);
  row(
    'mix to M4B (levelled, ducked, chaptered)',
    `${m4b.seconds.toFixed(1)} s`,
    `${m4b.peakMb.toFixed(0)} MB peak RSS`,
  );
  const stems = timedCli(['export', project, '-o', join(dir, 'mix.wav'), '--stems', join(dir, 'stems')]);
  row('mix and 6 stems to WAV', `${stems.seconds.toFixed(1)} s`, `${stems.peakMb.toFixed(0)} MB peak RSS`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const minutes = Number(arg('--minutes') ?? 30);
  const build = arg('--build');
  if (build) console.log(buildDramaExportFixture(build, minutes));
  else await benchDramaExport(minutes);
}
