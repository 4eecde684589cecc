import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CueSheet, cueSheetSchema, MAX_SECONDS } from '../../cues/cue-sheet.ts';
import { addBed, updateBed } from '../../cues/edit/bed-edits.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { readCueSheet } from '../../cues/read-cue-sheet.ts';
import { dispatch } from '../../src/app/dispatch.ts';
import { PROJECT_VERSION, type ProjectFile } from '../../src/project/project-schema.ts';
import { loadProject } from '../../src/project/project-store.ts';
import type { ApiReply } from '../../src/shared/ipc.ts';
import { appHandlers } from '../support/app-handlers.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { runCli } from '../support/run-cli.ts';
import { sine, tempDir, writeWav } from '../support/signals.ts';

// A cue sheet is data from anywhere (a file, a project, the page): its times lie on a timeline of
// at most 7 days, and its cues point into the script they came with, never past its end.

const script = readFileSync(SAMPLE_SEED, 'utf8');
const sheet = parseScript(script);
const timed: CueSheet = {
  ...sheet,
  cues: sheet.cues.map((c, i) => ({ ...c, start: i * 0.5, end: i * 0.5 + 0.4 })),
};
const DAY = 24 * 3600;
const refusal = (reply: ApiReply) => (reply.ok ? 'accepted' : `${reply.error.name}: ${reply.error.message}`);

/** The sheet with its last cue pointing `by` characters past the end of the script. */
function pastTheEnd(s: CueSheet, by = 10): CueSheet {
  const cues = s.cues.slice();
  const last = cues.length - 1;
  cues[last] = { ...cues[last]!, source: { start: cues[last]!.source.start, end: script.length + by } };
  return { ...s, cues };
}

describe('times in a cue sheet', () => {
  const edit = (change: (s: CueSheet) => unknown) => JSON.stringify(change(structuredClone(timed)));

  it('refuses times beyond 7 days or not finite, wherever they are, naming where', () => {
    const cases: Array<[string, string]> = [
      [
        edit((s) => ({ ...s, cues: s.cues.map((c, i) => (i === 2 ? { ...c, end: 1e300 } : c)) })),
        'cues.2.end',
      ],
      [
        edit((s) => ({
          ...s,
          cues: s.cues.map((c, i) => (i === 1 ? { ...c, start: 8 * DAY, end: 8 * DAY } : c)),
        })),
        'cues.1.start',
      ],
      [
        edit((s) => ({ ...s, chapters: s.chapters.map((c) => ({ ...c, start: 1e300 })) })),
        'chapters.0.start',
      ],
      [
        edit((s) => ({
          ...s,
          sections: [{ id: 's', kind: 'sung', start: 0, end: 1e300, origin: 'marked' }],
        })),
        'sections.0.end',
      ],
      [
        edit((s) => ({ ...s, beds: [{ id: 'b', path: 'bed.wav', start: 1e300, gainDb: 0, duckDb: 0 }] })),
        'beds.0.start',
      ],
      // JSON has no Infinity, but 1e999 parses to it.
      [edit((s) => s).replace('"start":0,', '"start":1e999,'), 'cues.0.start'],
    ];
    for (const [json, where] of cases) {
      expect(() => readCueSheet(json), where).toThrow(
        new RegExp(`^not a valid cue sheet: ${where.replace(/\./g, '\\.')}: `),
      );
    }
  });

  it('a bed start typed in the app stays on the timeline, so the project still saves', () => {
    const withBed = addBed(timed, 'bed.wav', 1e300);
    const typed = updateBed(withBed, withBed.beds![0]!.id, { start: 1e12 });
    for (const s of [withBed, typed]) {
      expect(s.beds![0]!.start).toBe(MAX_SECONDS);
      expect(cueSheetSchema.safeParse(s).success).toBe(true);
    }
  });

  it('takes a timeline of days (a long audiobook)', () => {
    const long = edit((s) => ({
      ...s,
      cues: s.cues.map((c, i) => (i === 1 ? { ...c, start: 6 * DAY, end: 6 * DAY + 1 } : c)),
    }));
    expect(readCueSheet(long).cues[1]!.start).toBe(6 * DAY);
  });
});

describe('source offsets against the script', () => {
  it('a sheet read with its script refuses a cue past the end, naming the cue', () => {
    expect(readCueSheet(JSON.stringify(timed), script).cues.length).toBe(timed.cues.length);
    const last = timed.cues.length - 1;
    expect(() => readCueSheet(JSON.stringify(pastTheEnd(timed)), script)).toThrow(
      `not a valid cue sheet: cues.${last}.source.end: ${script.length + 10} is past the end of the script (${script.length} characters)`,
    );
  });

  it('the project loader refuses a project whose cues point past its own script text', async () => {
    const dir = tempDir('bounds');
    const project: ProjectFile = {
      app: 'cuewright',
      version: PROJECT_VERSION,
      script: { path: SAMPLE_SEED, text: script },
      recordings: [{ id: 'rec-1', path: 'narration.wav', size: 10, duration: 1 }],
      sheet: pastTheEnd(sheet),
      savedAt: new Date().toISOString(),
    };
    const path = join(dir, 'past.cwproj');
    writeFileSync(path, JSON.stringify(project));
    await expect(loadProject(path)).rejects.toThrow(
      `${path}: not a valid project: sheet.cues.${sheet.cues.length - 1}.source.end: ${script.length + 10} is past the end of the script`,
    );
    const huge = join(dir, 'huge.cwproj');
    writeFileSync(
      huge,
      JSON.stringify({ ...project, sheet, recordings: [{ ...project.recordings[0]!, duration: 1e300 }] }),
    );
    await expect(loadProject(huge)).rejects.toThrow(`${huge}: not a valid project: recordings.0.duration:`);
  });

  it('the command line refuses --cues that point past the script with one line, exit 2', () => {
    const dir = tempDir('bounds');
    const audio = writeWav(join(dir, 'a.wav'), sine(16000, 1, 2, 440, 0.3), 16000);
    const cues = join(dir, 'cues.json');
    writeFileSync(cues, JSON.stringify(pastTheEnd(timed, 1)));
    const result = runCli(['export', SAMPLE_SEED, audio, '-o', join(dir, 'out.wav'), '--cues', cues]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      `cuewright: ${cues}: not a valid cue sheet: cues.${timed.cues.length - 1}.source.end: ${script.length + 1} is past the end of the script (${script.length} characters)`,
    );
  });

  it('the app refuses a sheet from the page that points past the open script, and saves nothing', async () => {
    const dir = tempDir('bounds');
    const { handlers, picker } = appHandlers(dir);
    const audio = writeWav(join(dir, 'a.wav'), sine(16000, 1, 2, 440, 0.3), 16000);
    const target = join(dir, 'saved.cwproj');
    const output = join(dir, 'out.wav');
    picker.answers.push(SAMPLE_SEED, audio, target, output);
    await handlers.pick({ purpose: 'script' });
    await handlers.pick({ purpose: 'audio' });
    await handlers.pick({ purpose: 'save-project' });
    await handlers.pick({ purpose: 'export' });
    await handlers.newProject({ scriptPath: SAMPLE_SEED, audioPath: audio });
    const bad = pastTheEnd(timed);
    const settings = { format: 'wav', loudness: 'podcast', sidecars: true, lyricChapters: false };
    for (const [method, payload] of [
      ['saveProject', { path: target, sheet: bad }],
      ['autosave', { sheet: bad }],
      ['relinkAudio', { audioPath: audio, sheet: bad }],
      ['align', { sheet: bad }],
      ['sidecarsInTheWay', { sheet: bad, output }],
      ['exportProduction', { sheet: bad, output, settings }],
    ] as const) {
      expect(refusal(await dispatch(handlers, method, payload)), method).toMatch(
        /^InputError: the cue sheet does not fit the open script: cues\.\d+\.source\.end: \d+ is past the end of the script/,
      );
    }
    expect(((await dispatch(handlers, 'listRecoveries', {})) as { value: unknown[] }).value).toEqual([]);
    expect(refusal(await dispatch(handlers, 'saveProject', { path: target, sheet: timed }))).toBe('accepted');
  });
});
