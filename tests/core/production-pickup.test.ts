import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../audio/wav/wav-writer.ts';
import { parseScript } from '../../cues/parse-script.ts';
import type { ProjectFile } from '../../src/project/project-schema.ts';
import { loadProject, saveProject } from '../../src/project/project-store.ts';
import { SPEECH_DIR, speechRecordings } from '../support/human-speech.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { rng, tempDir } from '../support/signals.ts';
import { sonnetOneAtTruth } from '../support/sonnet-at-truth.ts';

// A pickup on real speech: two lines of LibriVox's sonnet I re-delivered 6 dB quieter with its
// own pauses around them. `cuewright pickup` aligns it, cuts it in at the pauses around those
// lines with 50 ms crossfades, brings it to the reading's level; the export plays the pickup there
// and every later cue moves by the length it changed; `--undo` puts the original back exactly.

const RATE = 16_000;

function decode(path: string, rate = RATE): Float32Array {
  const raw = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', path, '-ac', '1', '-ar', String(rate), '-f', 'f32le', '-'],
    {
      maxBuffer: 1 << 30,
    },
  );
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

const rmsDb = (x: Float32Array) => 10 * Math.log10(x.reduce((n, v) => n + v * v, 0) / x.length);

describe('a pickup replacing two lines', () => {
  const dir = tempDir('production-pickup');
  const path = join(dir, 'sonnet.cwproj');
  let original: Float32Array;
  let truth: number[];
  let lineIds: string[];
  let before: ProjectFile;
  let run: { status: number | null; stdout: string; stderr: string };

  beforeAll(async () => {
    requireTools('the recording is decoded and the pickup made by ffmpeg', 'ffmpeg', 'shared data');
    const sonnet = speechRecordings().find((r) => r.name === 'sonnet001')!;
    original = decode(join(SPEECH_DIR, 'sonnets/sonnet001.flac'));
    writeFileSync(join(dir, 'sonnet001.wav'), encodeWav([original], RATE));
    const text = readFileSync(sonnet.script, 'utf8');
    // Review flags as an earlier alignment left them: the pickup replaces two of them, undo restores them.
    const parsed = parseScript(text);
    const sheet = {
      ...parsed,
      cues: parsed.cues.map((c, i) => ({
        ...c,
        confidence: 0.5 + i / 100,
        ...(i === 5 ? { review: 'low acoustic match' } : {}),
      })),
    };
    truth = sonnet.truth.map((u) => u.start);
    lineIds = sheet.cues.map((c) => c.id);
    const duration = original.length / RATE;
    before = sonnetOneAtTruth(sonnet, text, sheet, duration);
    await saveProject(path, before);
    // Lines 5 and 6 (cues 6 and 7 after the title) said again, 6 dB quieter, in another room.
    const from = Math.round((truth[5]! - 0.12) * RATE);
    const to = Math.round((truth[7]! - 0.35) * RATE);
    const random = rng(5);
    const room = (seconds: number) =>
      Float32Array.from({ length: seconds * RATE }, () => (random() - 0.5) * 0.002);
    const lines = original.slice(from, to).map((v) => v * 0.5);
    const pickup = new Float32Array(room(0.8).length * 2 + lines.length);
    pickup.set(room(0.8));
    pickup.set(lines, 0.8 * RATE);
    pickup.set(room(0.8), 0.8 * RATE + lines.length);
    writeFileSync(join(dir, 'pickup.wav'), encodeWav([pickup], RATE));
    run = runCli(['pickup', path, join(dir, 'pickup.wav'), '--from', '6', '--to', '7'], undefined, 300_000);
  }, 300_000);

  it('cuts the pickup in around those lines, the original kept, every later cue moved by the change', async () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^pickup-1 replaces cues .* gain \+(5\.\d|6\.\d) dB/);
    expect(run.stdout).toMatch(/room tone: the original's .* mixed under the pickup/);
    const after = await loadProject(path);
    expect(after.recordings.map((r) => [r.id, r.pickup ?? false])).toEqual([
      ['rec-1', false],
      ['pickup-1', true],
    ]);
    const [head, pickup, tail] = after.timeline!;
    expect(pickup!.recording).toBe('pickup-1');
    expect(pickup!.gapBefore).toBe(-0.05);
    // Cut in the pauses: the original leaves before line 5 starts and comes back after line 6 ends.
    expect(head!.to).toBeGreaterThan(truth[4]! + 1);
    expect(head!.to).toBeLessThan(truth[5]!);
    expect(tail!.from).toBeGreaterThan(truth[6]! + 1);
    expect(tail!.from).toBeLessThan(truth[7]!);
    // The two lines play from the pickup, found where they are in it (0.8 s in, 0.12 s after).
    // The pickup's cues carry its own alignment's confidence, not the reading's.
    expect(after.sheet.cues[5]!.confidence).not.toBe(before.sheet.cues[5]!.confidence);
    const placed = after.placements!.filter((p) => p.recording === 'pickup-1');
    expect(placed.map((p) => p.id)).toEqual([lineIds[5], lineIds[6]]);
    expect(Math.abs(placed[0]!.start - 0.92)).toBeLessThan(0.1);
    // A later cue keeps its place on the original; on the production it moves by the change.
    const change = pickup!.to - pickup!.from - 0.05 - (tail!.from - head!.to) - 0.05;
    const cue = after.sheet.cues[10]!;
    expect(cue.start).toBeCloseTo(truth[10]! + change, 4);
    expect(after.placements!.find((p) => p.id === cue.id)).toMatchObject({
      recording: 'rec-1',
      start: truth[10],
    });
  });

  it('exports the pickup in place at the reading’s level, with no click at the cuts', async () => {
    const after = await loadProject(path);
    const out = join(dir, 'edited.wav');
    const exported = runCli(['export', path, '-o', out]);
    expect(exported.status, exported.stderr).toBe(0);
    // Files counted, not clips: the original plays twice (before and after the pickup).
    expect(exported.stdout).toMatch(/ from 1 recording and 1 pickup\n/);
    const audio = decode(out);
    const [head, pickup] = after.timeline!;
    // Line 5 as heard in the export (where the project now places it) is the original's line 5
    // (the pickup is a copy of it), at the original's level.
    const at = after.sheet.cues[5]!.start!;
    const heard = audio.subarray(Math.round(at * RATE), Math.round((at + 2) * RATE));
    const source = original.subarray(Math.round(truth[5]! * RATE), Math.round((truth[5]! + 2) * RATE));
    let dot = 0;
    let a = 0;
    let b = 0;
    for (let i = 0; i < heard.length; i++) {
      dot += heard[i]! * source[i]!;
      a += heard[i]! ** 2;
      b += source[i]! ** 2;
    }
    expect(dot / Math.sqrt(a * b)).toBeGreaterThan(0.95);
    expect(Math.abs(rmsDb(heard) - rmsDb(source))).toBeLessThan(1);
    // The largest step near each cut is no larger than the speech's own largest step.
    const ownStep = original.reduce(
      (m, v, i) => (i > 0 ? Math.max(m, Math.abs(v - original[i - 1]!)) : m),
      0,
    );
    for (const cut of [head!.to - 0.05, head!.to - 0.05 + (pickup!.to - pickup!.from) - 0.05]) {
      let step = 0;
      for (let i = Math.round((cut - 0.1) * RATE); i < Math.round((cut + 0.1) * RATE); i++)
        step = Math.max(step, Math.abs(audio[i + 1]! - audio[i]!));
      expect(step).toBeLessThanOrEqual(ownStep);
    }
  }, 120_000);

  it('fills the pickup’s quieter room with the original’s room tone', async () => {
    const after = await loadProject(path);
    const [head] = after.timeline!;
    const audio = decode(join(dir, 'edited.wav'));
    // The pickup's own lead-in (its quiet room), past the crossfade.
    const start = head!.to - 0.05;
    const lead = audio.subarray(Math.round((start + 0.08) * RATE), Math.round((start + 0.3) * RATE));
    // The original's quietest half second, as the survey finds it.
    const window = RATE / 2;
    let best = Number.POSITIVE_INFINITY;
    let sum = 0;
    for (let i = 0; i < original.length; i++) {
      sum += original[i]! ** 2 - (i >= window ? original[i - window]! ** 2 : 0);
      if (i >= window - 1 && i % 160 === 0) best = Math.min(best, sum / window);
    }
    const room = 10 * Math.log10(best);
    expect(
      Math.abs(rmsDb(lead) - room),
      `lead ${rmsDb(lead).toFixed(1)} dB, room ${room.toFixed(1)} dB`,
    ).toBeLessThan(3);
  });

  it('takes the pickup out again: the original plays and every cue is back where it was', async () => {
    const undo = runCli(['pickup', path, '--undo', 'pickup-1']);
    expect(undo.status, undo.stderr).toBe(0);
    const restored = await loadProject(path);
    expect(restored.timeline).toEqual([{ recording: 'rec-1', from: 0, to: before.recordings[0]!.duration }]);
    expect(restored.sheet.cues.map((c) => c.start)).toEqual(truth);
    expect(restored.recordings.map((r) => r.id)).toEqual(['rec-1', 'pickup-1']);
    expect(restored.pickups).toEqual([]);
    // The review flags and confidence the pickup replaced are back exactly (line 5 flagged again).
    const flags = (p: ProjectFile) => p.sheet.cues.map((c) => [c.id, c.confidence, c.review]);
    expect(flags(restored)).toEqual(flags(before));
    expect(restored.sheet.cues[5]!.review).toBe('low acoustic match');
    // Once out, it is out: a second undo names the project and changes nothing.
    const again = runCli(['pickup', path, '--undo', 'pickup-1']);
    expect(again.status).toBe(2);
    expect(again.stderr).toBe(
      `cuewright: ${path}: pickup "pickup-1" is already taken out (the original plays)\n`,
    );
    // The listing names it undone, not played, and counts it apart from the recordings.
    const listed = runCli(['project', path]);
    expect(listed.stdout).toMatch(/: 1 recording, 1 undone pickup \(not played\),/);
    expect(listed.stdout).toMatch(/pickup-1 .*\(00:00:0\d\.\d+, pickup, undone\) not played/);
  });

  it("exports with a taken-out pickup's file gone (one warning line), and --remove drops it", async () => {
    const pickupWav = join(dir, 'pickup.wav');
    renameSync(pickupWav, join(dir, 'gone.wav'));
    const out = join(dir, 'after-undo.flac');
    const exported = runCli(['export', path, '-o', out], undefined, 300_000);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stderr).toBe(
      `warning: ${pickupWav}: the recording is missing (no such file): pickup-1 was taken out and does not play (drop it: cuewright pickup ${path} --remove pickup-1)\n`,
    );
    // The original whole, as ffmpeg decodes the export.
    expect(decode(out).length / RATE).toBeCloseTo(original.length / RATE, 1);
    const removed = runCli(['pickup', path, '--remove', 'pickup-1']);
    expect(removed.status, removed.stderr).toBe(0);
    const after = await loadProject(path);
    expect(after.recordings.map((r) => r.id)).toEqual(['rec-1']);
    const again = runCli(['export', path, '-o', join(dir, 'after-remove.flac')], undefined, 300_000);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toBe('');
    const twice = runCli(['pickup', path, '--remove', 'pickup-1']);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toBe(`cuewright: ${path}: the project has no pickup "pickup-1"\n`);
  }, 300_000);
});
