import { readFileSync } from 'node:fs';
import { parseScript } from '../../cues/parse-script.ts';
import { assembleDrama } from '../../src/production/assemble-drama.ts';
import { fullDramaSession } from '../support/drama-takes-full.ts';
import { scoreLine, scoreTakes } from '../support/take-score.ts';
import { actorTakes, assemblyFigures } from './bench-assemble.ts';
import { benchTakeSearch } from './bench-take-search.ts';
import { ownPeakRssMb, row } from './measure.ts';

// Issue 17's speed goal at full scale: "a 30-minute drama with 4 actors and up to 3 takes per line
// assembles in under 1/20 of its running time" (90 s). The session of drama-takes-full.ts (two real
// speakers and two festival voices, about 420 lines, retakes, false starts, slates, pauses, a few
// lines missing) is built once and cached (~/.cache/cuewright-bench/drama-30min/), then assembled
// end to end and the picks scored against its truth. CPU seconds are printed beside wall time
// (the search runs on worker threads, which process.cpuUsage counts): on a shared machine they
// say more. Run alone: npx tsx tests/bench/bench-assemble-full.ts

export async function benchAssembleFull(): Promise<void> {
  console.log('\nAudio drama from takes, full scale (4 actors, ~30 min, up to 3 takes a line)');
  const built = performance.now();
  const session = fullDramaSession((s) => console.log(`  building: ${s}`));
  const buildSeconds = (performance.now() - built) / 1000;
  if (buildSeconds > 1) row('session built', `${buildSeconds.toFixed(0)} s (cached for next time)`);
  const sheet = parseScript(readFileSync(session.script, 'utf8'));
  const lines = session.actors.reduce((n, a) => n + a.lines.length, 0);
  const start = performance.now();
  const cpu = process.cpuUsage();
  // Two actors are searched at once (assemble-drama.ts), so the time is not split by actor.
  const result = await assembleDrama(sheet, session.takesDir);
  const { seconds, cpuSeconds, running, takeSeconds } = assemblyFigures(result, start, cpu);
  row(
    'assemble (full)',
    `${seconds.toFixed(1)} s wall (${cpuSeconds.toFixed(1)} CPU s) for a ${(running / 60).toFixed(1)} min drama (${running.toFixed(0)} s, ${lines} lines) from ${(takeSeconds / 60).toFixed(1)} min of takes`,
    `${(seconds / running).toFixed(3)}x its running time (goal <= 0.05x), ${(cpuSeconds / running).toFixed(3)}x in CPU s`,
  );
  row('peak memory', `${ownPeakRssMb().toFixed(0)} MB peak RSS (the session's build included when it ran)`);
  const score = scoreTakes(session.actors, actorTakes(session, result));
  row('take finding (full)', scoreLine(score));
  if (result.notices.length > 0) console.log(result.notices.join('\n'));
  if (process.env.BENCH_VERBOSE) console.log(score.wrong.join('\n'));
  const clara = session.actors.find((a) => a.speaker === 'CLARA')!;
  await benchTakeSearch(sheet, 'Clara', clara.files[0]!);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchAssembleFull();
