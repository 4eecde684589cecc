import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CueSheet, SCRIPT_FORMATS } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { HangGuard } from '../support/hang-guard.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { expectSheetInvariants } from '../support/sheet-invariants.ts';

// Pieces that steer the readers into their corners: quotes of every kind, unbalanced; headings,
// rules and notes mid-paragraph; speaker lines, lyrics marks, Fountain elements; CR, LF, CRLF.
const FRAGMENTS = [
  '"',
  '“',
  '”',
  '„',
  '«',
  '»',
  "'",
  '\n',
  '\r\n',
  '\r',
  '\n\n',
  '\r\n\r\n',
  ' ',
  '\t',
  '\u00a0',
  '\ufeff',
  'Chapter 1',
  'Chapter IV: Home',
  'Prologue',
  '# Act One',
  '-----',
  '* * *',
  '===',
  'A/N:',
  'Disclaimer:',
  'BUFFY: ',
  'Spike (softly): ',
  'NARRATOR: ',
  '[SFX: bang]',
  '[MUSIC: theme]',
  '♪',
  '~',
  '@SPIKE',
  'INT. ',
  'EXT. ROOF - DAY',
  '(beat)',
  '[[note]]',
  '/*',
  '*/',
  '>',
  '<',
  '=)',
  ':)',
  'Title: X',
  'Buffy',
  'Spike',
  'she',
  'he',
  'said',
  'sang,',
  'his voice',
  'I do not own this.',
  'Thanks for reading!',
  'Hello.',
  'Why?',
  'and',
  'her.And',
  'Mr. Smith',
  '🎵',
  '\u0000',
  '\ud800',
];

const scriptLike = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 120 }).map((parts) => parts.join(''));
const anyText = fc.oneof(
  scriptLike,
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ maxLength: 400 }),
);

describe('parsing any text', () => {
  it('always gives a valid cue sheet whose cues point at their exact text', async () => {
    const guard = new HangGuard(new URL('../../cues/parse-script.ts', import.meta.url));
    await fc.assert(
      fc.asyncProperty(anyText, fc.constantFrom(undefined, ...SCRIPT_FORMATS), async (text, format) => {
        const label = `${format ?? 'detected'} script of ${text.length} characters`;
        const outcome = await guard.call<CueSheet>(label, 'parseScript', text, format ? { format } : {});
        expect(outcome.error, label).toBeUndefined();
        expectSheetInvariants(text, outcome.value!);
        // And in this thread, where the test's own checks can see it.
        expectSheetInvariants(text, parseScript(text, format ? { format } : {}));
      }),
      { numRuns: 1500 },
    );
  });

  it('gives an empty sheet for an empty or blank script', () => {
    for (const text of ['', '   \n\r\n\t ']) {
      const sheet = parseScript(text);
      expect(sheet.cues).toEqual([]);
      expect(sheet.chapters).toEqual([]);
    }
  });

  it('survives 5 MB scripts: a long book, one endless line, and a wall of quotes', () => {
    const seed = readFileSync(SAMPLE_SEED, 'utf8');
    const book = Array.from({ length: 850 }, (_, i) => seed.replace('Chapter 1', `Chapter ${i + 1}`)).join(
      '\n\n',
    );
    const endlessLine = 'She walked on and on. '.repeat(240_000);
    const quotes = '"Why?" she said, "'.repeat(280_000);
    for (const text of [book, endlessLine, quotes]) {
      expect(text.length).toBeGreaterThan(5_000_000);
      for (const format of SCRIPT_FORMATS) expectSheetInvariants(text, parseScript(text, { format }));
    }
    expect(parseScript(book).chapters.length).toBe(850);
  }, 300_000); // a hang limit for 45 MB of parsing on a loaded machine (the bench times it)
});
