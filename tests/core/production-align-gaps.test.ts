import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../audio/wav/wav-writer.ts';
import type { Cue } from '../../cues/cue-sheet.ts';
import { readCueSheet } from '../../cues/read-cue-sheet.ts';
import { loadProject } from '../../src/project/project-store.ts';
import { SPEECH_DIR } from '../support/human-speech.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/signals.ts';

// Issue #16, found by a fresh tester on real readings (../shared/speech): a book of four chapters
// (sonnets I-III, then the acoustic corpus) aligned over files that skip chapter two, the third
// opening with a spoken slate. The pass gave chapter two's lines to the slated file, on top of
// sonnet III, and said every cue was placed.

const RATE = 16_000;

function decode(path: string): Float32Array {
  const raw = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', path, '-ac', '1', '-ar', String(RATE), '-f', 'f32le', '-'],
    {
      maxBuffer: 1 << 30,
    },
  );
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

const text = (path: string) => readFileSync(join(SPEECH_DIR, path), 'utf8').trim();

describe('alignment across files that skip a chapter, one opening with a slate', () => {
  const dir = tempDir('production-gap');
  let cues: Cue[];
  let chapterTwo: Set<string>;
  let missing: string[];
  let durations: Map<string, number>;
  let placements: Array<{ kind: string; id: string; recording: string; start: number; end?: number }>;

  beforeAll(async () => {
    requireTools('the slate is spoken by festival, files cut by ffmpeg', 'ffmpeg', 'festival', 'shared data');
    const script = join(dir, 'book.txt');
    const sonnet = (n: number) => text(`sonnets/sonnet00${n}.txt`);
    writeFileSync(
      script,
      `CHAPTER ONE\n\n${sonnet(1)}\n\nCHAPTER TWO\n\n${sonnet(2)}\n\nCHAPTER THREE\n\n${sonnet(3)}\n\nCHAPTER FOUR\n\n${text('casual/acoustic_corpus.txt')}\n`,
    );
    const slate = join(dir, 'slate.wav');
    const say = spawnSync('text2wave', ['-eval', '(voice_kal_diphone)', '-o', slate], {
      input: 'Chapter three, take two.',
      encoding: 'utf8',
    });
    if (say.status !== 0) throw new Error(`text2wave: ${say.stderr}`);
    const parts = [decode(slate), new Float32Array(RATE), decode(join(SPEECH_DIR, 'sonnets/sonnet003.flac'))];
    const joined = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      joined.set(p, at);
      at += p.length;
    }
    const wav = join(dir, 'ch3.source.wav');
    writeFileSync(wav, encodeWav([joined], RATE));
    const ch3 = join(dir, 'ch3.flac');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', wav, ch3]);
    const files = [
      join(SPEECH_DIR, 'sonnets/sonnet001.mp3'),
      ch3,
      join(SPEECH_DIR, 'casual/acoustic_corpus.wav'),
    ];
    const project = join(dir, 'gap.cwproj');
    const run = runCli(['align', script, ...files, '-o', project, '--json'], undefined, 600_000);
    if (run.status !== 0) throw new Error(run.stderr);
    const printed = JSON.parse(run.stdout);
    missing = printed.missing;
    const sheet = readCueSheet(JSON.stringify(printed.sheet));
    cues = sheet.cues.filter((c) => c.kind !== 'separator');
    chapterTwo = new Set(sheet.chapters.find((c) => c.title === 'CHAPTER TWO')?.cueIds ?? []);
    for (const ch of sheet.chapters) if (ch.title === 'II') for (const id of ch.cueIds) chapterTwo.add(id);
    const saved = await loadProject(project);
    durations = new Map(saved.recordings!.map((r) => [r.id, r.duration]));
    placements = saved.placements! as typeof placements;
  }, 900_000);

  it('names the chapter no file holds', () => {
    expect(missing).toContain('II');
  });

  it('leaves every line of the chapter no file holds unplaced and flagged', () => {
    const two = cues.filter((c) => chapterTwo.has(c.id) && c.kind !== 'heading');
    expect(two.some((c) => /When forty winters/.test(c.text))).toBe(true);
    for (const cue of two) {
      expect(cue.review, cue.text).toBeDefined();
      expect(cue.start, cue.text).toBeUndefined();
    }
  });

  it('places the cues it keeps in script order, none on top of another', () => {
    const placed = cues.filter((c) => c.start !== undefined && c.end !== undefined && c.end > c.start);
    for (let i = 1; i < placed.length; i++)
      expect(placed[i]!.start!, `${placed[i - 1]!.text} / ${placed[i]!.text}`).toBeGreaterThanOrEqual(
        placed[i - 1]!.end! - 0.05,
      );
  });

  it('flags the heading the reader does not say at the start of the first file', () => {
    // sonnet001 opens with the reader's "I" at 0.4 s (its truth file): "CHAPTER ONE" is unsaid.
    const heading = cues.find((c) => c.text === 'CHAPTER ONE')!;
    expect(heading.review !== undefined || heading.end === heading.start).toBe(true);
  });

  it('never places a cue past the end of its file', () => {
    for (const p of placements)
      expect(p.end ?? p.start, p.id).toBeLessThanOrEqual(durations.get(p.recording)! + 1e-6);
  });
});
