import { expect } from 'vitest';
import { type CueSheet, cueSheetSchema } from '../../cues/cue-sheet.ts';

/** What every cue sheet from any script must satisfy, whatever the input. */
export function expectSheetInvariants(script: string, sheet: CueSheet): void {
  expect(cueSheetSchema.safeParse(sheet).success).toBe(true);
  let lastEnd = 0;
  for (const cue of sheet.cues) {
    expect(script.slice(cue.source.start, cue.source.end)).toBe(cue.text);
    expect(cue.source.start).toBeGreaterThanOrEqual(lastEnd);
    expect(cue.text.trim()).toBe(cue.text);
    expect(cue.text.length).toBeGreaterThan(0);
    lastEnd = cue.source.end;
  }
  const inChapters = sheet.chapters.flatMap((c) => c.cueIds);
  expect(inChapters).toEqual(sheet.cues.map((c) => c.id));
}

/** The shape of a sheet without its text: what must not change when only encoding details do. */
export function signature(sheet: CueSheet): string[] {
  return sheet.cues.map((c) => `${c.kind}${c.speaker ? `:${c.speaker}` : ''}`);
}
