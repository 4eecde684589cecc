import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { isOpeningQuote, scanQuotes } from '../../cues/readers/prose/quotes.ts';

// Dialogue as each language's typography prints it (style guides: Duden for German, the
// Imprimerie nationale for French, Språkrådet for Swedish, JIS X 4051 for Japanese). The scanner
// must pair each opening mark with its own closer, whichever marks the language reuses.

const quoted = (text: string) => scanQuotes(text, 0, text.length).map((q) => text.slice(q.start, q.end));

const STYLES: Array<[string, string, string[]]> = [
  ['English', 'He said “Come in” and “Sit down.” Then "Stay."', ['Come in', 'Sit down.', 'Stay.']],
  ['German („…“)', '„Komm herein“, sagte er. „Setz dich“, fügte er hinzu.', ['Komm herein', 'Setz dich']],
  ['German (»…«)', '»Komm herein«, sagte er. »Setz dich.«', ['Komm herein', 'Setz dich.']],
  ['Polish and Dutch („…”)', '„Chodź tutaj” – powiedział. „Usiądź”.', ['Chodź tutaj', 'Usiądź']],
  ['French («…»)', '« Entrez », dit-il. « Asseyez-vous. »', [' Entrez ', ' Asseyez-vous. ']],
  ['Swiss («…»)', '«Chumm ine», seit er. «Sitz ab.»', ['Chumm ine', 'Sitz ab.']],
  ['Swedish and Finnish (”…”)', '”Kom in”, sa han. ”Sätt dig.”', ['Kom in', 'Sätt dig.']],
  ['Finnish (»…»)', '»Tule sisään», hän sanoi. »Istu.»', ['Tule sisään', 'Istu.']],
  ['Danish (»…«)', '»Kom ind«, sagde han. »Sid ned.«', ['Kom ind', 'Sid ned.']],
  ['Japanese (「…」)', '「入って」と彼は言った。「座って。」', ['入って', '座って。']],
  ['Japanese, nested (『…』)', '『雪国』を読んだ。', ['雪国']],
];

describe('quote styles of the major languages', () => {
  for (const [language, text, expected] of STYLES) {
    it(`${language}: every quote found, each closed by its own mark`, () => {
      expect(quoted(text)).toEqual(expected);
      for (const span of scanQuotes(text, 0, text.length)) {
        expect(span.openMark).toBe(span.start - 1);
        expect(span.closeMark).toBe(span.end);
      }
    });
  }

  it('keeps a quote open across a mark that only closes another style', () => {
    // In English “ opens; inside a German „ quote it closes. » opens in German, closes in French.
    expect(quoted('„Ja“ und “yes” und »jo«')).toEqual(['Ja', 'yes', 'jo']);
    expect(quoted('«Il a dit ”non”.»')).toEqual(['Il a dit ”non”.']);
    expect(quoted('„Er sagte »ja« und ging.“')).toEqual(['Er sagte »ja« und ging.']);
  });

  it('leaves a quote open at the end of the text without a closing mark', () => {
    const text = '„Und dann';
    expect(scanQuotes(text, 0, text.length)).toEqual([
      { start: 1, end: text.length, openMark: 0, closeMark: null },
    ]);
  });

  it('continues a quote left open by the paragraph before, to its first closer', () => {
    const text = 'and on it went.» Then silence.';
    expect(scanQuotes(text, 0, text.length, true)).toEqual([
      { start: 0, end: 15, openMark: null, closeMark: 15 },
    ]);
    const swedish = 'och sedan.” Tystnad.';
    expect(scanQuotes(swedish, 0, swedish.length, true)[0]!.closeMark).toBe(10);
    const japanese = 'そして。」静か。';
    expect(scanQuotes(japanese, 0, japanese.length, true)[0]!.closeMark).toBe(4);
  });

  it('scans only inside [start, end)', () => {
    const text = '“a” “b” “c”';
    expect(scanQuotes(text, 4, 7).map((q) => text.slice(q.start, q.end))).toEqual(['b']);
  });

  it('knows which marks open a quote', () => {
    for (const mark of ['"', '“', '„', '«', '»', '”', '「', '『'])
      expect(isOpeningQuote(mark), mark).toBe(true);
    for (const mark of ['」', '』', '’', "'", 'a', undefined])
      expect(isOpeningQuote(mark), String(mark)).toBe(false);
  });
});

describe('prose dialogue in other languages becomes dialogue cues', () => {
  it.each([
    ['German', '»Komm herein«, sagte Anna.\n\n»Gleich«, sagte Paul.\n'],
    ['French', '« Entrez », dit Anna.\n\n« Tout de suite », dit Paul.\n'],
    ['Japanese', '「入って」とアンナは言った。\n\n「すぐに」とパウルは言った。\n'],
  ])('%s', (_, text) => {
    const sheet = parseScript(text, { format: 'prose' });
    const dialogue = sheet.cues.filter((c) => c.kind === 'dialogue');
    expect(dialogue).toHaveLength(2);
  });
});
