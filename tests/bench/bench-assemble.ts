import { copyFileSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseScript } from '../../cues/parse-script.ts';
import { placeClips } from '../../cues/production/timeline.ts';
import { type AssembledDrama, assembleDrama } from '../../src/production/assemble-drama.ts';
import type { ActorTakes } from '../../src/production/find-takes.ts';
import { buildDramaSession, type DramaSession } from '../support/drama-takes.ts';
import { tempDir } from '../support/signals.ts';
import { scoreLine, scoreTakes } from '../support/take-score.ts';
import { row } from './measure.ts';

// Assembling an audio drama from takes (issue 17): the test session of tests/core/
// drama-take-finding.test.ts (three actors, two real and one festival voice, retakes, false
// starts, slates) assembled end to end, the picks scored against the session's truth. Goals: the
// right take found for >= 98 % of complete takes, the right last complete take for >= 95 % of
// lines, and a drama assembled in under 1/20 of its running time (a 30-minute drama of 4 actors
// in 90 s). CPU seconds are printed beside wall time: on a shared machine they say more.
// Run alone: npx tsx tests/bench/bench-assemble.ts

/** The assembled project's takes per actor, in the shape the take-finding scorer reads. */
export function actorTakes(session: DramaSession, result: AssembledDrama): Map<string, ActorTakes> {
  const out = new Map<string, ActorTakes>();
  const byCue = new Map(result.takes.map((t) => [t.cue, t]));
  const pathOf = new Map(result.recordings.map((r) => [r.id, basename(r.path)]));
  for (const actor of session.actors) {
    const names = actor.files.map((f) => basename(f));
    const cues = result.sheet.cues.filter((c) => c.speaker?.toUpperCase() === actor.speaker);
    out.set(actor.speaker, {
      durations: [],
      longestRuns: [],
      unmatched: [],
      lines: cues.map((c, line) => {
        const entry = byCue.get(c.id);
        return {
          cue: c.id,
          line,
          takes: (entry?.takes ?? []).map((t) => ({
            file: names.indexOf(pathOf.get(t.recording) ?? ''),
            start: t.start,
            end: t.end,
            complete: t.complete,
            words: t.words,
            of: t.of,
            fit: t.fit,
          })),
          ...(entry?.pick !== undefined ? { pick: entry.pick } : {}),
          ...(entry?.review ? { review: entry.review } : {}),
        };
      }),
    });
  }
  return out;
}

/**
 * An assembly's figures: wall and CPU seconds since `start` (performance.now()) and `cpu`
 * (process.cpuUsage()), the drama's running time and its takes' length (seconds).
 */
export function assemblyFigures(
  result: AssembledDrama,
  start: number,
  cpu: NodeJS.CpuUsage,
): { seconds: number; cpuSeconds: number; running: number; takeSeconds: number } {
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const clips = placeClips(result.timeline);
  const last = clips.at(-1);
  return {
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    running: last ? last.at + last.to - last.from : 0,
    takeSeconds: result.recordings.reduce((n, r) => n + r.duration, 0),
  };
}

export async function benchAssemble(): Promise<void> {
  console.log('\nAudio drama from takes (3 actors, up to 3 takes a line, false starts, slates)');
  const dir = tempDir('bench-assemble');
  const session = buildDramaSession(dir);
  const sheet = parseScript(readFileSync(session.script, 'utf8'));
  const takes = tempDir('bench-assemble-takes');
  for (const a of session.actors) for (const f of a.files) copyFileSync(f, join(takes, basename(f)));
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = await assembleDrama(sheet, takes);
  const { seconds, cpuSeconds, running, takeSeconds } = assemblyFigures(result, start, cpu);
  row(
    'assemble',
    `${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} CPU s) for a ${running.toFixed(0)} s drama from ${takeSeconds.toFixed(0)} s of takes`,
    `${(seconds / running).toFixed(2)}x its running time (goal <= 0.05x)`,
  );
  const score = scoreTakes(session.actors, actorTakes(session, result));
  row('take finding', scoreLine(score));
  if (process.env.BENCH_VERBOSE) console.log(score.wrong.join('\n'));
}

if (import.meta.url === `file://${process.argv[1]}`) await benchAssemble();
