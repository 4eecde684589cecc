import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { session, speak } from '../support/drama-fixture.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/signals.ts';

// Take finding gives the same takes and picks whatever the machine's load and whatever else the
// script asks for first (a tester saw picks change between runs: the checkout's code had changed
// between them; the search decodes each job alone, with the cepstral mean of its own audio, by
// whichever worker is free, and each result lands at its job's index, so neither timing nor the
// order of answers enters). The same
// small assembly is run idle, with two threads spinning on the CPU, and with another character's
// lines searched first on the same workers; its takes must be identical. Real takes: festival.

const SCRIPT = `EDITH: Who let you two in here? I locked every window myself.

EDITH: Then we will have to go north.
`;

const BEN_FIRST = `BEN: Nobody let us in. The key was under the mat.

${SCRIPT}`;

interface Takes {
  takes: Array<{ cue: string; pick?: number; takes: unknown[] }>;
}

/** Threads spinning on the CPU until terminated (the load a busy machine puts on the search). */
function spinners(count: number): Worker[] {
  return Array.from(
    { length: count },
    () => new Worker('let x = 0; for (;;) x = (x + 1) % 1e9;', { eval: true }),
  );
}

describe('take finding does not depend on timing or on what was searched before', () => {
  let dir: string;
  const assemble = (script: string, out: string): Takes => {
    const run = runCli(['assemble', script, '--takes', 'takes', '-o', out, '--json'], dir, 600_000);
    expect(run.status, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as Takes;
  };
  const edith = (t: Takes, cues: string[]) => t.takes.filter((x) => cues.includes(x.cue));

  beforeAll(() => {
    requireTools('the actors are festival voices', 'ffmpeg', 'festival');
    dir = tempDir('drama-determinism');
    const takes = join(dir, 'takes');
    const parts = join(dir, 'parts');
    mkdirSync(takes);
    mkdirSync(parts);
    // Edith's first line twice, the second time with a long pause between its sentences, and a
    // false start of her second line before it.
    session(parts, join(takes, 'edith.wav'), [
      speak(parts, 'e1', 'Who let you two in here? I locked every window myself.', 'kal_diphone'),
      speak(parts, 'e2a', 'Who let you two in here?', 'kal_diphone'),
      speak(parts, 'e2b', 'I locked every window myself.', 'kal_diphone'),
      speak(parts, 'e3', 'Then we will', 'kal_diphone'),
      speak(parts, 'e4', 'Then we will have to go north.', 'kal_diphone'),
    ]);
    session(parts, join(takes, 'ben.wav'), [
      speak(parts, 'b1', 'Nobody let us in. The key was under the mat.', 'ked_diphone'),
    ]);
    writeFileSync(join(dir, 'edith.txt'), SCRIPT);
    writeFileSync(join(dir, 'ben-first.txt'), BEN_FIRST);
  }, 120_000);

  it('finds the same takes idle, under load and after another speaker', () => {
    const idle = assemble('edith.txt', 'idle.cwproj');
    const cues = idle.takes.map((t) => t.cue);
    expect(cues).toHaveLength(2);
    const load = spinners(2);
    let loaded: Takes;
    try {
      loaded = assemble('edith.txt', 'loaded.cwproj');
    } finally {
      for (const w of load) void w.terminate();
    }
    expect(loaded.takes).toEqual(idle.takes);
    const after = assemble('ben-first.txt', 'after.cwproj');
    expect(edith(after, cues)).toEqual(idle.takes);
    // The saved projects agree too (what the app opens).
    const saved = (name: string) => (JSON.parse(readFileSync(join(dir, name), 'utf8')) as Takes).takes;
    expect(saved('loaded.cwproj')).toEqual(saved('idle.cwproj'));
  });
});
