import { describe, expect, it } from 'vitest';
import { SCRIPT_FORMATS } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { isSeparatorLine } from '../../cues/readers/structure-lines.ts';
import { spokenText } from '../../cues/spoken-text.ts';

// Scene-break rules writers type between scenes stay separators in every format: never action,
// never a lyric, never dropped, never spoken.

const RULES = ['~*~*~', '***', '* * *', '-~-~-', '~~~', '-----', '___', '• • •', '###', '⁂', '* ~ *'];
const NOT_RULES = ['**', '- x -', 'a***', '#', '* * * end'];

describe('separator lines', () => {
  for (const rule of RULES) {
    it(`${JSON.stringify(rule)} is a separator in prose, drama and Fountain`, () => {
      expect(isSeparatorLine(rule)).toBe(true);
      for (const format of SCRIPT_FORMATS) {
        const sheet = parseScript(`She left.\n\n${rule}\n\nHe stayed.`, { format });
        expect(
          sheet.cues.map((c) => c.kind),
          format,
        ).toEqual(['narration', 'separator', 'narration']);
        expect(spokenText(sheet.cues[1]!)).toBe('');
      }
    });
  }
  for (const line of NOT_RULES) {
    it(`${JSON.stringify(line)} is not a separator`, () => expect(isSeparatorLine(line)).toBe(false));
  }

  it('a Fountain section with a title is still a section', () => {
    const sheet = parseScript('# * Act * One *\n\nRain.', { format: 'fountain' });
    expect(sheet.cues[0]!.kind).toBe('heading');
  });
});
