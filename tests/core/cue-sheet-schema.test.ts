import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { readCueSheet } from '../../cues/read-cue-sheet.ts';
import { SAMPLE_SEED } from '../support/paths.ts';

const sheet = parseScript(readFileSync(SAMPLE_SEED, 'utf8'));
const json = JSON.stringify(sheet);

describe('loading a cue sheet', () => {
  it('round-trips a parsed sheet', () => {
    expect(readCueSheet(json)).toEqual(sheet);
  });

  it('names the problem in a malformed sheet', () => {
    const broken = (edit: (s: typeof sheet) => unknown) => JSON.stringify(edit(structuredClone(sheet)));
    expect(() => readCueSheet('{"version": 1,')).toThrow(/not valid JSON/);
    expect(() => readCueSheet('null')).toThrow(/not a valid cue sheet/);
    expect(() => readCueSheet(broken((s) => ({ ...s, version: 7 })))).toThrow(/version 7 is newer/);
    expect(() => readCueSheet(broken((s) => ({ ...s, version: 0 })))).toThrow(/version/);
    expect(() =>
      readCueSheet(
        broken((s) => ({ ...s, cues: s.cues.map((c, i) => (i === 3 ? { ...c, kind: 'mime' } : c)) })),
      ),
    ).toThrow(/cues\.3\.kind/);
    expect(() => readCueSheet(broken((s) => ({ ...s, cues: [...s.cues, s.cues[0]] })))).toThrow(
      /duplicate cue id/,
    );
    expect(() =>
      readCueSheet(broken((s) => ({ ...s, cues: s.cues.map((c) => ({ ...c, start: 5, end: 2 })) }))),
    ).toThrow(/end is before start/);
    expect(() => readCueSheet(broken((s) => ({ ...s, cues: s.cues.slice(1) })))).toThrow(/unknown cue/);
  });
});
