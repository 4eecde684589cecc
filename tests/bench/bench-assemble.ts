import { readFileSync } from 'node:fs';
import { parseScript } from '../../cues/parse-script.ts';
import { placeClips } from '../../cues/production/timeline.ts';
import { assembleDrama } from '../../src/production/assemble-drama.ts';
import { buildDramaSession } from '../support/drama-takes.ts';
import { tempDir } from '../support/signals.ts';
import { row } from './measure.ts';

// Assembling an audio drama from takes (issue 17): the test session of tests/core/
// drama-take-finding.test.ts (three actors, two real and one festival voice, retakes, false
// starts, slates) assembled end to end. Goal: a drama assembles in under 1/20 of its running time
// (a 30-minute drama of 4 actors in 90 s). Run alone: npx tsx tests/bench/bench-assemble.ts

export async function benchAssemble(): Promise<void> {
  console.log('\nAudio drama from takes (3 actors, up to 3 takes a line, false starts, slates)');
  const dir = tempDir('bench-assemble');
  const session = buildDramaSession(dir);
  const sheet = parseScript(readFileSync(session.script, 'utf8'));
  const takes = tempDir('bench-assemble-takes');
  const { copyFileSync } = await import('node:fs');
  const { basename, join } = await import('node:path');
  for (const a of session.actors) for (const f of a.files) copyFileSync(f, join(takes, basename(f)));
  const start = performance.now();
  const result = await assembleDrama(sheet, takes);
  const seconds = (performance.now() - start) / 1000;
  const clips = placeClips(result.timeline);
  const running = clips.length > 0 ? clips.at(-1)!.at + clips.at(-1)!.to - clips.at(-1)!.from : 0;
  const takeSeconds = result.recordings.reduce((n, r) => n + r.duration, 0);
  row(
    'assemble',
    `${seconds.toFixed(1)} s for a ${running.toFixed(0)} s drama from ${takeSeconds.toFixed(0)} s of takes`,
    `${(seconds / running).toFixed(2)}x its running time (goal <= 0.05x)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchAssemble();
