import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cue } from '../../cues/cue-sheet.ts';
import type { Placement } from '../../cues/production/timeline.ts';
import { readCueSheet } from '../../cues/read-cue-sheet.ts';
import { loadProject } from '../../src/project/project-store.ts';
import { SPEECH_DIR } from '../support/human-speech.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/signals.ts';

// Issue #16: a line cut across two files (the first file stops mid-line, the next one starts with
// the rest of it). `cuewright align -o` saved the line's cue on the first file with its end past
// that file's end (on the second file's audio). The real reading of sonnet I (../shared/speech) is
// cut at 7.5 s, inside "That thereby beauty's rose might never die," (5.85 s to 9.19 s, truth file).

const CUT = 7.5;

describe('alignment across files: a line cut across two files', () => {
  const dir = tempDir('production-cut-line');
  let placements: Placement[];
  let durations: Map<string, number>;
  let cues: Cue[];
  let stdout: string;

  beforeAll(async () => {
    requireTools('the reading is cut by ffmpeg', 'ffmpeg', 'shared data');
    const source = join(SPEECH_DIR, 'sonnets/sonnet001.flac');
    const script = join(dir, 'sonnet.txt');
    writeFileSync(
      script,
      `${execFileSync('cat', [join(SPEECH_DIR, 'sonnets/sonnet001.txt')], { encoding: 'utf8' })}`,
    );
    const first = join(dir, 'part1.wav');
    const second = join(dir, 'part2.flac');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', source, '-t', String(CUT), first]);
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-ss', String(CUT), '-i', source, second]);
    const project = join(dir, 'cut.cwproj');
    const run = runCli(['align', script, first, second, '-o', project, '--json'], undefined, 600_000);
    if (run.status !== 0) throw new Error(run.stderr);
    stdout = run.stdout;
    cues = readCueSheet(JSON.stringify(JSON.parse(run.stdout).sheet)).cues;
    const saved = await loadProject(project);
    durations = new Map(saved.recordings!.map((r) => [r.id, r.duration]));
    placements = saved.placements!;
  }, 900_000);

  it('saves no cue past the end of its file', () => {
    for (const p of placements)
      expect(p.end ?? p.start, `${p.kind} ${p.id}`).toBeLessThanOrEqual(durations.get(p.recording)! + 1e-6);
  });

  it("ends the cut line at its file's end and flags it: the line continues in the next recording", () => {
    const cut = cues.find((c) => /^That thereby beauty/.test(c.text))!;
    const p = placements.find((x) => x.kind === 'cue' && x.id === cut.id)!;
    expect(p.recording).toBe('rec-1');
    expect(p.start).toBeGreaterThan(5.85 - 0.5);
    expect(p.end).toBeCloseTo(durations.get('rec-1')!, 3);
    expect(cut.review).toMatch(/continues in the next recording/);
    expect(cut.end).toBeCloseTo(durations.get('rec-1')!, 3);
    expect(stdout).toContain('continues in the next recording');
  });

  it('places the next line on the second file, unflagged by the cut', () => {
    const next = cues.find((c) => /^But as the riper/.test(c.text))!;
    const p = placements.find((x) => x.kind === 'cue' && x.id === next.id)!;
    expect(p.recording).toBe('rec-2');
    expect(p.start).toBeCloseTo(9.19 - CUT, 0);
  });
});
