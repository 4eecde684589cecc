import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../audio/wav/wav-writer.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { PROJECT_VERSION, type ProjectFile } from '../../src/project/project-schema.ts';
import { loadProject, saveProject } from '../../src/project/project-store.ts';
import { SPEECH_DIR, speechRecordings } from '../support/human-speech.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/signals.ts';

// What `cuewright pickup` checks before it drops a pickup in, on LibriVox's sonnet I: a named
// range whose words the pickup does not say is refused, one it says only half of is flagged; a
// pickup read by festival in place of the human reader is named and flagged; a pickup cut from
// the very reading it replaces (1 s of digital silence after it) draws no room-tone warning; the
// report names the recording and the cut points in the pauses; a reversed range is named as typed.

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

describe('the checks on a pickup', () => {
  const dir = tempDir('production-pickup-checks');
  const path = join(dir, 'sonnet.cwproj');
  const same = join(dir, 'same.wav');
  const festival = join(dir, 'festival.wav');
  let truth: number[];
  let project: ProjectFile;
  const pickup = (file: string, from: number, to: number) =>
    runCli(
      ['pickup', path, file, '--from', String(from), '--to', String(to), '-o', join(dir, 'out.cwproj')],
      undefined,
      300_000,
    );

  beforeAll(async () => {
    requireTools('the recording is decoded by ffmpeg, the other voice is festival', 'ffmpeg', 'shared data');
    const sonnet = speechRecordings().find((r) => r.name === 'sonnet001')!;
    const original = decode(join(SPEECH_DIR, 'sonnets/sonnet001.flac'));
    writeFileSync(join(dir, 'sonnet001.wav'), encodeWav([original], RATE));
    const text = readFileSync(sonnet.script, 'utf8');
    const sheet = parseScript(text);
    truth = sonnet.truth.map((u) => u.start);
    const duration = original.length / RATE;
    project = {
      app: 'cuewright',
      version: PROJECT_VERSION,
      script: { path: sonnet.script, text },
      recordings: [{ id: 'rec-1', path: 'sonnet001.wav', size: 0, duration }],
      placements: sheet.cues.map((c, i) => ({
        id: c.id,
        kind: 'cue' as const,
        recording: 'rec-1',
        start: truth[i]!,
        end: Math.min(duration, (truth[i + 1] ?? duration) - 0.3),
      })),
      sheet,
      savedAt: new Date().toISOString(),
    };
    await saveProject(path, project);
    // Cues 6 and 7 cut from the reading itself, pauses and all, then a second of digital silence.
    const lines = original.slice(Math.round((truth[5]! - 0.3) * RATE), Math.round((truth[7]! - 0.2) * RATE));
    const file = new Float32Array(lines.length + RATE);
    file.set(lines);
    writeFileSync(same, encodeWav([file], RATE));
    // The same two lines in festival's voice.
    const words = [5, 6].map((i) => sheet.cues[i]!.text).join(' ');
    const tts = spawnSync('text2wave', ['-o', festival, '-eval', '(voice_kal_diphone)'], { input: words });
    expect(tts.status, String(tts.stderr)).toBe(0);
  }, 300_000);

  it('takes a pickup cut from the reading with no room-tone warning, naming the recording and the cuts', async () => {
    const run = pickup(same, 6, 7);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('replaces cues 6..7 of ');
    expect(run.stdout).toContain('sonnet001.wav');
    expect(run.stdout).not.toContain('room tone');
    expect(run.stdout).not.toContain('voice:');
    expect(run.stdout).not.toContain('00:00:00.000…');
    // The cut points are the pauses around the cues, not the cues' own starts and ends.
    const [out, back] = [...run.stdout.matchAll(/(?:cut out|back in) at 00:00:(\d\d\.\d{3})/g)].map((m) =>
      Number(m[1]),
    );
    expect(out).toBeGreaterThan(truth[4]! + 1);
    expect(out).toBeLessThan(truth[5]!);
    expect(back).toBeGreaterThan(truth[6]! + 1);
    expect(back).toBeLessThan(truth[7]!);
    const after = await loadProject(join(dir, 'out.cwproj'));
    expect(after.sheet.cues[5]!.review ?? '').not.toContain('pickup:');
  });

  it('refuses a named range whose words the pickup does not say, naming the file', () => {
    const run = pickup(same, 11, 12);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/same\.wav: only \d+ % of the words of cues 11\.\.12 are heard/);
  });

  it('flags a named range the pickup says only part of', async () => {
    const run = pickup(same, 6, 8);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\d+ % of the cues' words heard in the pickup/);
    const after = await loadProject(join(dir, 'out.cwproj'));
    expect(after.sheet.cues[5]!.review).toMatch(/pickup: only \d+ % of these words heard/);
  });

  it('names a pickup in another voice and flags its cues', async () => {
    const run = pickup(festival, 6, 7);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/voice: another voice\?/);
    const after = await loadProject(join(dir, 'out.cwproj'));
    expect(after.sheet.cues[5]!.review).toMatch(/pickup: another voice\?/);
  });

  it('refuses unrelated speech in one line, the project left as it was', () => {
    // Nine seconds of a man talking casually (the reading is a woman's sonnet).
    const other = join(dir, 'other.wav');
    const talk = decode(join(SPEECH_DIR, 'casual/cold_corpus.wav')).slice(8 * RATE, 17 * RATE);
    writeFileSync(other, encodeWav([talk], RATE));
    const out = join(dir, 'other.cwproj');
    const run = runCli(['pickup', path, other, '--from', '3', '--to', '4', '-o', out], undefined, 300_000);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^cuewright: .*other\.wav: only \d+ % of the words of cues 3\.\.4 are heard in it[^\n]*\(nothing changed\)\n$/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('names a reversed range by the numbers typed', () => {
    const run = pickup(same, 7, 6);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('--to 6 comes before --from 7');
  });
});
