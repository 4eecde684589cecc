import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { dramaLanes, laneOf } from '../../cues/production/drama-lanes.ts';
import { BEAT, INTERRUPTED_BEAT, placeTakes } from '../../cues/production/place-takes.ts';
import { MAX_CROSSFADE } from '../../cues/production/timeline.ts';
import { parseProject } from '../../src/project/project-store.ts';
import { buildDramaSession, type DramaSession } from '../support/drama-takes.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/signals.ts';

// `cuewright assemble`: a drama script and a folder of the actors' take files become a project
// whose recordings are the take files, whose timeline plays each line's picked take in script
// order after a beat, and which lists every take of every line (`cuewright project --json`).

describe('lanes and the layout of picked takes', () => {
  const sheet = parseScript(
    'TITLE: Lanes\n\nANNA: I never meant —\n\nBEN: (overlapping) You did.\n\n[SFX: a door slams]\n\nANNA: Fine.\n\nMUSIC: the theme\n',
  );
  const lines = sheet.cues.filter((c) => c.kind === 'dialogue');

  it('gives a lane per character, then narration, SFX and music', () => {
    expect(dramaLanes(sheet.cues)).toEqual(['Anna', 'Ben', 'Narration', 'SFX', 'Music']);
    expect(sheet.cues.map(laneOf)).toEqual([undefined, 'Anna', 'Ben', 'SFX', 'Anna', 'Music']);
  });

  it('places takes in script order: a beat, quicker after a dash, over the line before when overlapping', () => {
    const picks = lines.map((c, i) => ({ cue: c.id, recording: `r${i}`, start: 2, end: 4, duration: 10 }));
    const { clips, placements } = placeTakes(sheet.cues, [...picks].reverse());
    expect(clips.map((c) => c.recording)).toEqual(['r0', 'r1', 'r2']);
    expect(clips.map((c) => c.gapBefore)).toEqual([0, -MAX_CROSSFADE, BEAT]);
    expect(placements.map((p) => [p.id, p.start, p.end])).toEqual(lines.map((c) => [c.id, 2, 4]));
    const afterDash = placeTakes(sheet.cues, [picks[0]!, picks[2]!]);
    expect(afterDash.clips[1]!.gapBefore).toBe(INTERRUPTED_BEAT);
  });
});

describe('project files with takes', () => {
  const SCRIPT = 'ANNA: Hello there.\n\nBEN: Hi.\n';
  const base = {
    app: 'cuewright',
    version: 2,
    script: { path: 's.txt', text: SCRIPT },
    recordings: [{ id: 'anna-1', path: 'anna-1.wav', size: 10, duration: 5 }],
    sheet: parseScript(SCRIPT, { format: 'drama' }),
    savedAt: '2026-11-30T00:00:00Z',
  };
  const cue = base.sheet.cues.find((c) => c.kind === 'dialogue')!.id;
  const take = { recording: 'anna-1', start: 1, end: 2, complete: true, words: 2, of: 2, fit: 0.9 };

  it('opens a version-2 project without takes as before, and keeps takes when it has them', () => {
    expect(parseProject('old.cwproj', JSON.stringify(base)).takes).toBeUndefined();
    const withTakes = parseProject(
      'new.cwproj',
      JSON.stringify({ ...base, takes: [{ cue, takes: [take], pick: 0 }] }),
    );
    expect(withTakes.takes).toEqual([{ cue, takes: [take], pick: 0 }]);
  });

  it('refuses a take on a recording the project does not have, naming it', () => {
    const bad = { ...base, takes: [{ cue, takes: [{ ...take, recording: 'nobody' }] }] };
    expect(() => parseProject('bad.cwproj', JSON.stringify(bad))).toThrow(/nobody/);
  });
});

describe('cuewright assemble on take files', () => {
  let session: DramaSession;
  let dir: string;
  let takesDir: string;

  beforeAll(() => {
    requireTools(
      'the takes are cut from real recordings and festival voices',
      'ffmpeg',
      'festival',
      'shared data',
    );
    dir = tempDir('drama-assemble');
    session = buildDramaSession(dir);
    // The robot's two sessions and the poet's second (two retakes): the man sent no files.
    takesDir = join(dir, 'takes');
    mkdirSync(takesDir);
    const robot = session.actors.find((a) => a.speaker === 'ROBOT')!;
    const poet = session.actors.find((a) => a.speaker === 'POET')!;
    for (const file of [...robot.files, poet.files[1]!]) copyFileSync(file, join(takesDir, basename(file)));
  }, 120_000);

  it('writes a project of the take files with each line on its lane, its takes and its pick, and exports the mix and stems', () => {
    const project = join(dir, 'manor.cwproj');
    const run = runCli(['assemble', session.script, '--takes', takesDir, '-o', project], dir, 900_000);
    expect(run.stderr).toMatch(/Man: no take files/);
    expect(run.status).toBe(0);
    const shown = runCli(['project', project, '--json'], dir);
    expect(shown.status).toBe(0);
    const out = JSON.parse(shown.stdout) as {
      recordings: Array<{ path: string }>;
      cues: Array<{
        id: string;
        lane?: string;
        text: string;
        takes?: Array<{ recording: string; start: number; complete: boolean }>;
        pick?: number;
        start?: number;
        review?: string;
      }>;
    };
    expect(out.recordings.map((r) => basename(r.path))).toEqual([
      'poet-session2.wav',
      'robot-session1.wav',
      'robot-session2.wav',
    ]);
    const robot = session.actors.find((a) => a.speaker === 'ROBOT')!;
    const robotCues = out.cues.filter((c) => c.lane === 'Robot');
    expect(robotCues).toHaveLength(robot.lines.length);
    let right = 0;
    for (const [i, c] of robotCues.entries()) {
      const last = robot.takes[i]!.filter((t) => t.complete).at(-1);
      const pick = c.pick === undefined ? undefined : c.takes![c.pick]!;
      if (last === undefined) {
        expect(pick).toBeUndefined();
        expect(c.review).toMatch(/missing/);
        continue;
      }
      if (
        pick &&
        pick.recording === `robot-session${last.file + 1}` &&
        Math.abs(pick.start - last.start) < 0.6
      )
        right++;
    }
    console.log(`assemble: robot picks right ${right} of ${robot.takes.filter((t) => t.length > 0).length}`);
    expect(right).toBe(robot.takes.filter((t) => t.length > 0).length);
    // Every man's line is missing and flagged; the placed lines play in script order.
    for (const c of out.cues.filter((c) => c.lane === 'Man')) {
      expect(c.start).toBeUndefined();
      expect(c.review).toMatch(/no take files for Man/);
    }
    const placed = out.cues.filter((c) => c.start !== undefined);
    expect(placed.length).toBeGreaterThan(5);
    for (let i = 1; i < placed.length; i++) expect(placed[i]!.start!).toBeGreaterThan(placed[i - 1]!.start!);
    const text = readFileSync(project, 'utf8');
    expect(JSON.parse(text).takes.length).toBe(out.cues.filter((c) => c.takes).length);

    // The mix and a stem per lane, read back by ffprobe and ffmpeg: one length, one rate, and the
    // stems summed give the mix to within -60 dB.
    const mix = join(dir, 'mix.wav');
    const stems = join(dir, 'stems');
    const exported = runCli(['export', project, '-o', mix, '--stems', stems], dir, 300_000);
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    const files = ['Poet.wav', 'Robot.wav'];
    expect(readdirSync(stems).sort()).toEqual(files);
    const probe = (path: string) =>
      JSON.parse(
        execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', path], { encoding: 'utf8' }),
      ).streams[0] as { sample_rate: string; duration_ts: number; channels: number };
    const mixProbe = probe(mix);
    for (const f of files) {
      const p = probe(join(stems, f));
      expect([p.sample_rate, p.duration_ts, p.channels]).toEqual([
        mixProbe.sample_rate,
        mixProbe.duration_ts,
        1,
      ]);
    }
    const decode = (path: string) => {
      const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 'f32le', '-'], {
        maxBuffer: 1 << 28,
      });
      return new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4);
    };
    const m = decode(mix);
    const parts = files.map((f) => decode(join(stems, f)));
    let signal = 0;
    let residual = 0;
    for (let i = 0; i < m.length; i++) {
      const sum = parts.reduce((n, p) => n + p[i]!, 0);
      signal += m[i]! ** 2;
      residual += (m[i]! - sum) ** 2;
    }
    const db = 10 * Math.log10(Math.max(residual, 1e-30) / signal);
    console.log(
      `stems: ${files.length} lanes, ${m.length} samples each; stems minus mix ${db.toFixed(1)} dB`,
    );
    expect(signal).toBeGreaterThan(0);
    expect(db).toBeLessThan(-60);
  }, 900_000);
});
