import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { SAMPLE_SEED, SHARED_SEED } from '../support/paths.ts';
import { requireTools } from '../support/required-tools.ts';
import { expectSheetInvariants, signature } from '../support/sheet-invariants.ts';

const seed = readFileSync(SAMPLE_SEED, 'utf8');
const sheet = parseScript(seed, { fileName: SAMPLE_SEED });
const ofKind = (kind: string) => sheet.cues.filter((c) => c.kind === kind);

describe('the seed chapter', () => {
  it('ships unchanged as the sample', () => {
    requireTools('the shipped sample is compared with the production’s seed', 'shared data');
    expect(readFileSync(SHARED_SEED, 'utf8')).toBe(seed);
  });

  it('is read as prose with one chapter and the title line', () => {
    expect(sheet.format).toBe('prose');
    expect(sheet.chapters.map((c) => c.title)).toEqual(['Chapter 1']);
    expect(sheet.title).toBe('My Love. My Life. My Forever.');
    expect(sheet.cues.slice(0, 2).map((c) => [c.kind, c.text])).toEqual([
      ['heading', 'Chapter 1'],
      ['title', 'My Love. My Life. My Forever.'],
    ]);
  });

  it('splits the disclaimer off where the story starts on the same line', () => {
    const [disclaimer, story] = sheet.cues.slice(2, 4);
    expect(disclaimer!.kind).toBe('note');
    expect(disclaimer!.text.startsWith('I do not own any of the Buffy characters.')).toBe(true);
    expect(disclaimer!.text.endsWith('Thanks to everyone that reads! =)')).toBe(true);
    expect(story!.kind).toBe('narration');
    expect(story!.text.startsWith('Buffy walked up to her room')).toBe(true);
  });

  it('finds 4 lyric stanzas in 3 quoted blocks', () => {
    const lyrics = ofKind('lyric');
    expect(lyrics.map((c) => c.text.split('\n')[0])).toEqual([
      'Crossing paths, I saw the past, realized how good it was',
      "But you're with her and not with me now",
      'You messed up and you lost a real good thing,',
      'You messed up and you lost a real good thing, baby,',
    ]);
    // A block is a run of consecutive lyric cues; the first song block has two stanzas.
    const blocks = sheet.cues.reduce<string[][]>((runs, cue, i) => {
      if (cue.kind !== 'lyric') return runs;
      if (sheet.cues[i - 1]?.kind === 'lyric') runs[runs.length - 1]!.push(cue.id);
      else runs.push([cue.id]);
      return runs;
    }, []);
    expect(blocks.map((b) => b.length)).toEqual([2, 1, 1]);
    expect(lyrics[3]!.text.endsWith("And now you're asking, 'Why?'")).toBe(true);
  });

  it("attributes Spike's and Buffy's spoken lines", () => {
    expect(ofKind('dialogue').map((c) => [c.speaker, c.text.slice(0, 24)])).toEqual([
      ['Spike', "She doesn't mean anythin"],
      ['Buffy', "It doesn't matter. It wa"],
      ['Spike', "No, you don't. Like you "],
      ['Buffy', 'How can you say that? Ho'],
      ['Spike', "Because you're my love. "],
    ]);
  });

  it('keeps the inscription in single quotes inside the narration', () => {
    const locket = sheet.cues.find((c) => c.text.includes("'My Love. My Life. My Forever.'"));
    expect(locket?.kind).toBe('narration');
  });

  it("makes the author's note after the rule into notes", () => {
    const tail = sheet.cues.slice(-4);
    expect(tail.map((c) => c.kind)).toEqual(['separator', 'note', 'note', 'note']);
    expect(tail[1]!.text.startsWith('A/N: This is the site')).toBe(true);
    // Author's notes stay spoken notes (read apart from the story, or cut by the producer).
    for (const note of ofKind('note')) expect(note.spoken).toBeUndefined();
  });

  it('keeps every cue inside a blank-line paragraph and pointing at its exact text', () => {
    expectSheetInvariants(seed, sheet);
    for (const cue of sheet.cues) expect(cue.text).not.toMatch(/\n[ \t]*\n/);
  });

  it('reads the same from CRLF line ends and curly quotes', () => {
    const expected = signature(sheet);
    const crlf = seed.replace(/\n/g, '\r\n');
    let quotes = 0;
    const curly = seed.replace(/"/g, () => (quotes++ % 2 === 0 ? '“' : '”'));
    for (const variant of [crlf, curly]) {
      const other = parseScript(variant);
      expect(signature(other)).toEqual(expected);
      expectSheetInvariants(variant, other);
    }
  });

  it('has ids that survive edits elsewhere in the script', () => {
    const edited = parseScript(seed.replace('hellish day', 'long, hellish day'));
    const before = new Set(sheet.cues.map((c) => c.id));
    const kept = edited.cues.filter((c) => before.has(c.id));
    expect(kept.length).toBe(sheet.cues.length - 1);
  });

  // The golden is reviewed by a person and never rewrites itself: a missing file fails. To change
  // it on purpose, run with CUEWRIGHT_UPDATE_GOLDEN=1, review the diff, and commit it.
  it('matches the reviewed golden cue sheet', () => {
    const golden = new URL('../fixtures/seed.cues.golden.json', import.meta.url);
    const actual = `${JSON.stringify(sheet, null, 2)}\n`;
    if (process.env.CUEWRIGHT_UPDATE_GOLDEN === '1') {
      writeFileSync(golden, actual);
      throw new Error(
        'golden rewritten on request: review its diff, commit it, and run again without the variable',
      );
    }
    expect(existsSync(golden), 'tests/fixtures/seed.cues.golden.json is missing: restore it from git').toBe(
      true,
    );
    expect(actual).toBe(readFileSync(golden, 'utf8'));
  });
});
