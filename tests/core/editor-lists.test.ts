import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withChapterStarts } from '../../cues/chapter-starts.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { addChapterAt } from '../../cues/edit/chapter-edits.ts';
import { chaptersByTime } from '../../cues/lists/chapter-list.ts';
import { clickSelection, sortCues } from '../../cues/lists/cue-order.ts';
import { searchScript, stepMatch } from '../../cues/lists/script-search.ts';
import { filterSpeakers, speakerOf, speakersOf } from '../../cues/lists/speakers.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { chapterMarks } from '../../cues/sidecars/chapter-marks.ts';
import { SAMPLE_SEED } from '../support/paths.ts';

// The pure logic behind the editor's panels (chapters, speakers, cue table, script search), on
// the sample seed's real script.

const script = readFileSync(SAMPLE_SEED, 'utf8');

/** The seed placed 3 s per cue with 0.5 s gaps; confidences vary; the last cue left unplaced. */
function placedSeed(): CueSheet {
  const sheet = parseScript(script, { fileName: SAMPLE_SEED });
  const cues = sheet.cues.map((cue, i) =>
    i === sheet.cues.length - 1
      ? cue
      : { ...cue, start: i * 3.5, end: i * 3.5 + 3, confidence: [0.9, 0.3, 0.7][i % 3]! },
  );
  return withChapterStarts({ ...sheet, cues });
}

describe('cue table order', () => {
  const sheet = placedSeed();

  it('by time: placed cues in time order, the unplaced one last in both directions', () => {
    const up = sortCues(sheet.cues, 'time');
    expect(up.map((c) => c.id)).toEqual(sheet.cues.map((c) => c.id));
    const down = sortCues(sheet.cues, 'time', 'descending');
    expect(down.at(-1)!.id).toBe(sheet.cues.at(-1)!.id);
    expect(down[0]!.id).toBe(sheet.cues.at(-2)!.id);
  });

  it('by confidence: lowest first, ties in script order', () => {
    const byConfidence = sortCues(sheet.cues, 'confidence');
    const scores = byConfidence.map((c) => c.confidence ?? 1);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    const lowest = byConfidence.filter((c) => c.confidence === 0.3).map((c) => c.id);
    expect(lowest).toEqual(sheet.cues.filter((c) => c.confidence === 0.3).map((c) => c.id));
  });

  it('by kind and by speaker: grouped by name, cues without a speaker last', () => {
    const kinds = sortCues(sheet.cues, 'kind').map((c) => c.kind);
    expect(kinds).toEqual([...kinds].sort((a, b) => a.localeCompare(b)));
    const dialogue = { ...sheet.cues[1]!, id: 'x1', speaker: 'Zed' };
    const other = { ...sheet.cues[2]!, id: 'x2', speaker: 'Amy' };
    const bySpeaker = sortCues([sheet.cues[0]!, dialogue, other], 'speaker').map((c) => c.id);
    expect(bySpeaker).toEqual(['x2', 'x1', sheet.cues[0]!.id]);
  });

  it('by speaker: narration is grouped under Narrator, as the Speakers list names it', () => {
    const narration = sheet.cues.filter((c) => c.kind === 'narration').slice(0, 2);
    expect(narration.length).toBe(2);
    const mara = { ...sheet.cues[1]!, id: 'm1', kind: 'dialogue' as const, speaker: 'Mara' };
    const tom = { ...sheet.cues[2]!, id: 't1', kind: 'dialogue' as const, speaker: 'Tom' };
    const order = sortCues([tom, narration[0]!, mara, narration[1]!], 'speaker').map((c) => speakerOf(c));
    expect(order).toEqual(['Mara', 'Narrator', 'Narrator', 'Tom']);
  });

  it('a click replaces, Ctrl toggles, Shift takes the range from the anchor in the shown order', () => {
    const shown = ['a', 'b', 'c', 'd', 'e'];
    expect(clickSelection(shown, ['a'], 'c', {})).toEqual(['c']);
    expect(clickSelection(shown, ['a'], 'c', { toggle: true })).toEqual(['a', 'c']);
    expect(clickSelection(shown, ['a', 'c'], 'c', { toggle: true })).toEqual(['a']);
    expect(clickSelection(shown, ['d'], 'b', { range: true })).toEqual(['d', 'b', 'c']);
    expect(clickSelection(shown, [], 'b', { range: true })).toEqual(['b']);
  });
});

describe('speakers', () => {
  it('counts lines per speaker in order of first appearance; the filter ignores case', () => {
    const sheet = placedSeed();
    const named = sheet.cues.map((c, i) =>
      i % 4 === 1 ? { ...c, speaker: i % 8 === 1 ? 'Buffy' : 'Spike' } : c,
    );
    const speakers = speakersOf({ ...sheet, cues: named }, { narrator: 'Narrator' });
    const expected = (name: string) => named.filter((c) => c.speaker === name).length;
    const buffy = speakers.find((s) => s.speaker === 'Buffy')!;
    expect(buffy.lines).toBe(expected('Buffy'));
    expect(buffy.cueIds).toEqual(named.filter((c) => c.speaker === 'Buffy').map((c) => c.id));
    expect(speakers.find((s) => s.speaker === 'Narrator')!.lines).toBe(
      // Sung lines nobody is named for are the narrator's too.
      named.filter((c) => !c.speaker && (c.kind === 'narration' || c.kind === 'lyric')).length,
    );
    expect(speakers.map((s) => s.speaker).indexOf('Buffy')).toBeLessThan(
      speakers.map((s) => s.speaker).indexOf('Spike'),
    );
    expect(filterSpeakers(speakers, ' spi ').map((s) => s.speaker)).toEqual(['Spike']);
    expect(filterSpeakers(speakers, '')).toHaveLength(speakers.length);
  });
});

describe('script search', () => {
  const sheet = placedSeed();

  it('finds every occurrence, any case, each with the cue that holds it', () => {
    const word = 'she';
    const matches = searchScript(script, sheet, 'SHE');
    const expected = script.toLowerCase().split(word).length - 1;
    expect(matches).toHaveLength(expected);
    for (const m of matches) {
      expect(script.slice(m.start, m.end).toLowerCase()).toBe(word);
      const cue = sheet.cues.find((c) => c.id === m.cueId)!;
      expect(cue.source.start).toBeLessThanOrEqual(m.start);
      expect(m.start).toBeLessThan(cue.source.end);
    }
    expect(searchScript(script, sheet, '   ')).toEqual([]);
    expect(searchScript(script, sheet, 'no such phrase anywhere')).toEqual([]);
  });

  it('next and previous wrap round; from none, forward is the first and back the last', () => {
    expect(stepMatch(-1, 5, 1)).toBe(0);
    expect(stepMatch(-1, 5, -1)).toBe(4);
    expect(stepMatch(4, 5, 1)).toBe(0);
    expect(stepMatch(0, 5, -1)).toBe(4);
    expect(stepMatch(2, 5, 1)).toBe(3);
    expect(stepMatch(-1, 0, 1)).toBe(-1);
  });
});

describe('chapter list', () => {
  it('lists chapters by start; untimed ones after, in sheet order', () => {
    const sheet = addChapterAt(placedSeed(), placedSeed().cues[10]!.id, 'Part Two');
    expect(sheet.chapters.length).toBeGreaterThan(1);
    const [first, second, ...rest] = sheet.chapters;
    const swapped: CueSheet = {
      ...sheet,
      chapters: [second!, { ...first!, start: undefined, cueIds: [] }, ...rest],
    };
    const list = chaptersByTime(swapped);
    const timed = list.filter((c) => c.start !== undefined).map((c) => c.start!);
    expect(timed).toEqual([...timed].sort((a, b) => a - b));
    expect(list.at(-1)!.id).toBe(first!.id);
    expect(list.find((c) => c.id === second!.id)!.cues).toBe(second!.cueIds.length);
  });

  it('starts the first chapter at 0, as the export does (it said where its first cue starts)', () => {
    const placed = addChapterAt(placedSeed(), placedSeed().cues[10]!.id, 'Part Two');
    const sheet: CueSheet = {
      ...placed,
      cues: placed.cues.map((c) =>
        c.start === undefined ? c : { ...c, start: c.start + 0.3, end: c.end! + 0.3 },
      ),
    };
    const list = chaptersByTime(sheet);
    const marks = chapterMarks(sheet, { duration: 10_000 });
    expect(list[0]!.start).toBe(0);
    expect(list.map((c) => [c.title, c.start])).toEqual(marks.map((m) => [m.title, m.start]));
  });

  it('the sample’s sung passages as chapters: every title distinct, resumed parts numbered', () => {
    const marks = chapterMarks(placedSeed(), { duration: 10_000, lyricsAsChapters: true });
    const titles = marks.map((m) => m.title);
    expect(titles.filter((t) => t.startsWith('♪')).length).toBeGreaterThan(1);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles).toContain('Chapter 1 (continued)');
    expect(titles).toContain('Chapter 1 (continued 2)');
  });
});
