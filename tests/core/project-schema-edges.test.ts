import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lanesSchema, soundSchema, soundShapeSchema } from '../../src/project/lanes-schema.ts';
import { exportSettingsSchema } from '../../src/project/project-schema.ts';
import { parseProject } from '../../src/project/project-store.ts';
import { REPO } from '../support/paths.ts';

// What project-validation leaves out: the export's sample rate bounds, a drama's sounds, each of
// which must name a cue of the sheet (a sound placed at no cue has nowhere to play), and the
// bounds of a drama's mixer and sound shapes (lanes-schema.ts). Built from the version-1 fixture a
// real release saved, as project-validation is.

const v1 = JSON.parse(readFileSync(join(REPO, 'tests/fixtures/projects-v1/untouched.cwproj'), 'utf8'));
const { audio, ...rest } = v1;
const v3 = { ...rest, version: 3, recordings: [{ id: 'a', ...audio }] };
const parse = (value: unknown) => () => parseProject('/p/x.cwproj', JSON.stringify(value));

describe('export sample rate', () => {
  const base = { format: 'flac', loudness: 'acx', sidecars: false, lyricChapters: false };
  const ok = (sampleRate: number) => exportSettingsSchema.safeParse({ ...base, sampleRate }).success;

  it('is a whole number of Hz from 8 kHz to 192 kHz', () => {
    for (const rate of [8000, 22_050, 44_100, 48_000, 192_000]) expect(ok(rate), `${rate}`).toBe(true);
    for (const rate of [7999, 192_001, 44_100.5, 0]) expect(ok(rate), `${rate}`).toBe(false);
  });
});

describe("a drama's sounds", () => {
  const cue = (v3.sheet.cues as Array<{ id: string }>)[1]!.id;
  const sound = (at: string) => ({ cue: at, lane: 'SFX', path: 'door.wav' });

  it('load when each names a cue of the sheet', () => {
    const project = parseProject('/p/x.cwproj', JSON.stringify({ ...v3, sounds: [sound(cue)] }));
    expect(project.sounds).toEqual([sound(cue)]);
  });

  it('are refused in one line naming the sound and the cue it names when there is no such cue', () => {
    expect(parse({ ...v3, sounds: [sound(cue), sound('n-gone')] })).toThrow(
      '/p/x.cwproj: not a valid project: sounds.1.cue: names no cue ("n-gone")',
    );
  });
});

describe("a drama's mixer and sound shapes (lanes-schema)", () => {
  const WEEK = 7 * 24 * 3600;
  const lanes = (value: unknown) => lanesSchema.safeParse(value).success;
  const shaped = (extra: object) =>
    soundSchema.safeParse({ cue: 'c1', lane: 'Music', path: 'theme.wav', ...extra }).success;

  it('takes a lane gain of -60 to +24 dB and a pan of -1 to 1, by lane names of 1 to 200 characters', () => {
    for (const gainDb of [-60, 0, 24]) expect(lanes({ Anna: { gainDb } }), `${gainDb} dB`).toBe(true);
    for (const gainDb of [-60.5, 24.5]) expect(lanes({ Anna: { gainDb } }), `${gainDb} dB`).toBe(false);
    for (const pan of [-1, 0.3, 1]) expect(lanes({ Anna: { pan } }), `pan ${pan}`).toBe(true);
    for (const pan of [-1.01, 1.01]) expect(lanes({ Anna: { pan } }), `pan ${pan}`).toBe(false);
    expect(lanes({ Anna: { mute: true, solo: true }, ['x'.repeat(200)]: {} })).toBe(true);
    expect(lanes({ '': {} })).toBe(false);
    expect(lanes({ ['x'.repeat(201)]: {} })).toBe(false);
    expect(lanes({ Anna: { mute: false } })).toBe(false); // absent is heard
    expect(lanes({ Anna: { volume: 3 } })).toBe(false); // no field it does not know
  });

  it('takes a sound moved up to a week either way, looped, cut to 0.05 s or more, faded from 0', () => {
    for (const shift of [-WEEK, -1.5, 0, WEEK]) expect(shaped({ shift }), `shift ${shift}`).toBe(true);
    for (const shift of [-WEEK - 1, WEEK + 1]) expect(shaped({ shift }), `shift ${shift}`).toBe(false);
    for (const length of [0.05, 12, WEEK])
      expect(shaped({ loop: true, length }), `length ${length}`).toBe(true);
    for (const length of [0.04, 0, WEEK + 1]) expect(shaped({ length }), `length ${length}`).toBe(false);
    for (const fade of [0, 2, WEEK])
      expect(shaped({ fadeIn: fade, fadeOut: fade }), `fade ${fade}`).toBe(true);
    for (const fade of [-0.1, WEEK + 1]) {
      expect(shaped({ fadeIn: fade }), `fade in ${fade}`).toBe(false);
      expect(shaped({ fadeOut: fade }), `fade out ${fade}`).toBe(false);
    }
    expect(shaped({ loop: false })).toBe(false);
    expect(shaped({ lane: 'Dialogue' })).toBe(false);
    expect(shaped({ cue: '' })).toBe(false);
    expect(shaped({ path: '' })).toBe(false);
    expect(shaped({ gainDb: 3 })).toBe(false); // a sound's level is its lane's
  });

  it("a sound's edits as the page sends them: its cue and its shape, each field kept (the save and the export read them)", () => {
    const edit = {
      cue: 'c1',
      shift: -1.5,
      offset: 0.25,
      loop: true,
      length: 12,
      fadeIn: 0.5,
      fadeOut: 2,
    } as const;
    expect(soundShapeSchema.parse(edit)).toEqual(edit);
    expect(soundShapeSchema.parse({ cue: 'c1' })).toEqual({ cue: 'c1' });
    // Its lane and file are the project's, not the page's to change; the bounds are the sound's.
    expect(soundShapeSchema.safeParse({ cue: 'c1', path: 'other.wav' }).success).toBe(false);
    expect(soundShapeSchema.safeParse({ cue: 'c1', length: 0.04 }).success).toBe(false);
  });
});
