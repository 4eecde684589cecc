import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { PROJECT_VERSION, type ProjectFile } from '../../src/project/project-schema.ts';
import { saveProject } from '../../src/project/project-store.ts';
import { SPEECH_DIR, speechRecordings } from '../support/human-speech.ts';
import { REPO } from '../support/paths.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { ffprobe, tempDir } from '../support/signals.ts';

// A project of three recordings (the sonnets, one file each) with every cue placed on its file by
// the truth: `cuewright project --json` shows each cue's recording, its time inside it and on the
// production; `cuewright export PROJECT -o book.m4b` puts the script's chapters where the
// recordings play, room tone and all.

function sonnetsProject(dir: string): { path: string; project: ProjectFile; firstLines: number[] } {
  const sonnets = speechRecordings().filter((r) => r.name.startsWith('sonnet'));
  // Headings make chapters; they are not read, so each chapter opens at its first placed line.
  const parts = sonnets.map((r, i) => {
    const lines = readFileSync(r.script, 'utf8')
      .trim()
      .split(/\n\s*\n/)
      .slice(1);
    return `# Sonnet ${i + 1}\n\n${lines.join('\n\n')}`;
  });
  const text = `${parts.join('\n\n')}\n`;
  const sheet = parseScript(text, { format: 'fountain' });
  const recordings = sonnets.map((r, i) => {
    const file = join(dir, `${r.name}.mp3`);
    copyFileSync(join(SPEECH_DIR, 'sonnets', `${r.name}.mp3`), file);
    const duration = Number(
      ffprobe(join(SPEECH_DIR, 'sonnets', `${r.name}.flac`), 'format=duration').duration,
    );
    return { id: `rec-${i + 1}`, path: `${r.name}.mp3`, size: 0, duration, title: `Sonnet ${i + 1}` };
  });
  const lines = sheet.cues.filter((c) => c.kind !== 'heading');
  const truth = sonnets.flatMap((r, i) =>
    r.truth.slice(1).map((u, k, all) => ({ i, start: u.start, end: all[k + 1]?.start ?? u.start + 2 })),
  );
  expect(lines.length).toBe(truth.length);
  const placements = lines.map((c, k) => ({
    id: c.id,
    kind: 'cue' as const,
    recording: `rec-${truth[k]!.i + 1}`,
    start: truth[k]!.start,
    end: truth[k]!.end - 0.05,
  }));
  const project: ProjectFile = {
    app: 'cuewright',
    version: PROJECT_VERSION,
    script: { path: 'sonnets.fountain', text },
    recordings,
    placements,
    sheet,
    savedAt: new Date().toISOString(),
  };
  const firstLines = sonnets.map((r) => r.truth[1]!.start);
  return { path: join(dir, 'sonnets.cwproj'), project, firstLines };
}

describe('a project of several recordings', () => {
  it('prints every cue with its recording, its time inside it and on the production', async () => {
    requireTools('the sonnets are the recordings', 'ffprobe', 'shared data');
    const dir = tempDir('production-project');
    const { path, project, firstLines } = sonnetsProject(dir);
    await saveProject(path, project);
    const run = runCli(['project', path, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const shown = JSON.parse(run.stdout) as {
      recordings: Array<{ id: string; plays: Array<{ at: number }> }>;
      cues: Array<{ kind: string; recording?: string; recordingStart?: number; start?: number }>;
      chapters: Array<{ title: string; start: number }>;
      duration: number;
    };
    const durations = project.recordings.map((r) => r.duration);
    expect(shown.recordings.map((r) => r.plays[0]!.at)).toEqual([
      0,
      durations[0],
      durations[0]! + durations[1]!,
    ]);
    const lines = shown.cues.filter((c) => c.kind !== 'heading');
    const firstOfThird = lines[28]!;
    expect(firstOfThird.recording).toBe('rec-3');
    expect(firstOfThird.recordingStart).toBeCloseTo(firstLines[2]!, 6);
    expect(firstOfThird.start).toBeCloseTo(durations[0]! + durations[1]! + firstLines[2]!, 5);
    expect(shown.chapters.map((c) => c.title)).toEqual(['Sonnet 1', 'Sonnet 2', 'Sonnet 3']);
    expect(shown.chapters[1]!.start).toBeCloseTo(durations[0]! + firstLines[1]!, 5);
  });

  it('exports the script’s chapters where each recording plays in the file, gaps included', async () => {
    requireTools('the export is read back by ffprobe', 'ffmpeg', 'ffprobe', 'shared data');
    const dir = tempDir('production-project-export');
    const { path, project, firstLines } = sonnetsProject(dir);
    await saveProject(path, project);
    const out = join(dir, 'sonnets.m4b');
    const run = runCli(['export', path, '-o', out, '--gap', '2', '--json', '--sidecars']);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { recordings: Array<{ start: number }>; sidecars: string[] };
    const durations = project.recordings.map((r) => r.duration);
    const starts = [0, durations[0]! + 2, durations[0]! + durations[1]! + 4];
    for (const [i, r] of result.recordings.entries())
      expect(Math.abs(r.start - starts[i]!)).toBeLessThan(0.002);
    const probe = runCli(['chapters', out, '--json']);
    const chapters = JSON.parse(probe.stdout).chapters as Array<{ start: number; title: string }>;
    expect(chapters.map((c) => c.title)).toEqual(['Sonnet 1', 'Sonnet 2', 'Sonnet 3']);
    const frame = 1024 / 44_100;
    expect(chapters[0]!.start).toBe(0);
    for (const i of [1, 2])
      expect(Math.abs(chapters[i]!.start - (starts[i]! + firstLines[i]!))).toBeLessThanOrEqual(frame);
    // The captions follow the lines where they play in the export.
    const srt = result.sidecars.find((p) => p.endsWith('.srt'));
    expect(srt).toBeDefined();
    expect(readFileSync(srt!, 'utf8')).toContain('Look in thy glass');
  });

  it('puts every chapter mark at its first cue, even when the chapter’s own placement is stale', async () => {
    requireTools('the export is read back by ffprobe', 'ffmpeg', 'ffprobe', 'shared data');
    const dir = tempDir('production-project-stale-chapters');
    const { path, project, firstLines } = sonnetsProject(dir);
    // Chapter flags saved before their cues moved to other files (the tester's book.cwproj): each
    // placed 4 s into the recording before its own.
    const stale = project.sheet.chapters.map((c, i) => ({
      id: c.id,
      kind: 'chapter' as const,
      recording: `rec-${Math.max(1, i)}`,
      start: i === 0 ? 0.1 : project.recordings[i - 1]!.duration - 4,
    }));
    await saveProject(path, { ...project, placements: [...project.placements!, ...stale] });
    const out = join(dir, 'stale.m4b');
    const run = runCli(['export', path, '-o', out, '--gap', '1.5', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { recordings: Array<{ start: number }> };
    const probe = spawnSync('ffprobe', ['-v', 'error', '-show_chapters', '-of', 'json', out], {
      encoding: 'utf8',
    });
    const marks = (JSON.parse(probe.stdout).chapters as Array<{ start_time: string }>).map((c) =>
      Number(c.start_time),
    );
    expect(marks).toHaveLength(3);
    const frame = 1024 / 44_100;
    for (const i of [1, 2])
      expect(Math.abs(marks[i]! - (result.recordings[i]!.start + firstLines[i]!))).toBeLessThanOrEqual(frame);
    const shown = JSON.parse(runCli(['project', path, '--json']).stdout) as {
      chapters: Array<{ start: number }>;
      cues: Array<{ id: string; start?: number }>;
    };
    // The first chapter opens the book at 0 (as the export's does); the others at their first cue.
    for (const [i, chapter] of project.sheet.chapters.entries()) {
      if (i === 0) continue;
      const first = shown.cues.find((c) => chapter.cueIds.includes(c.id) && c.start !== undefined);
      expect(shown.chapters[i]!.start).toBeCloseTo(first!.start!, 5);
    }
  });

  it('refuses to export a swapped or missing recording, or a time past a file’s end, naming it', async () => {
    requireTools('the sonnets are the recordings', 'ffmpeg', 'ffprobe', 'shared data');
    const dir = tempDir('production-project-checks');
    const { path, project } = sonnetsProject(dir);
    const out = join(dir, 'x.wav');
    // Sonnet 1's file replaced by sonnet 3 (another length), as a tester's swapped file.
    await saveProject(path, project);
    copyFileSync(join(dir, 'sonnet003.mp3'), join(dir, 'sonnet001.mp3'));
    const swapped = runCli(['export', path, '-o', out]);
    expect(swapped.status).toBe(2);
    expect(swapped.stderr.trim().split('\n')).toHaveLength(1);
    expect(swapped.stderr).toMatch(/sonnet001\.mp3: is 00:\d\d:\d\d\.\d+ long, but the project's rec-1 was/);
    copyFileSync(join(SPEECH_DIR, 'sonnets', 'sonnet001.mp3'), join(dir, 'sonnet001.mp3'));
    // A cue placed at 9999 s in a file under a minute long.
    const bad = project.placements!.map((p, i) => (i === 3 ? { ...p, start: 9999 } : p));
    await saveProject(path, { ...project, placements: bad });
    const late = runCli(['export', path, '-o', out]);
    expect(late.status).toBe(2);
    expect(late.stderr).toMatch(
      /sonnets\.cwproj: cue \d+ starts at 02:46:39\.000 in sonnet001\.mp3, which is only/,
    );
    // A recording gone: the listing says so, the export refuses.
    await saveProject(path, project);
    rmSync(join(dir, 'sonnet002.mp3'));
    const listed = runCli(['project', path]);
    expect(listed.status).toBe(0);
    expect(listed.stderr).toContain('sonnet002.mp3: the recording is missing');
    expect(runCli(['export', path, '-o', out]).stderr).toContain('sonnet002.mp3: the recording is missing');
    // Two gone: the first named, and one more problem counted as one (it said "1 more problems").
    rmSync(join(dir, 'sonnet003.mp3'));
    const two = runCli(['export', path, '-o', out]);
    expect(two.status).toBe(2);
    expect(two.stderr).toMatch(/sonnet002\.mp3: the recording is missing.* \(and 1 more problem\)\n$/);
  });

  it('opens a version-1 project saved by the previous release as one recording', () => {
    const dir = tempDir('production-v1');
    for (const f of ['sick-corpus.cwproj', 'take1.wav'])
      copyFileSync(join(REPO, 'tests/fixtures/projects-v1', f), join(dir, f));
    const run = runCli(['project', join(dir, 'sick-corpus.cwproj'), '--json']);
    expect(run.status, run.stderr).toBe(0);
    const shown = JSON.parse(run.stdout);
    expect(shown.recordings).toHaveLength(1);
    expect(shown.cues[0]).toMatchObject({ recording: 'rec-1', recordingStart: 0.88, start: 0.88 });
  });
});
