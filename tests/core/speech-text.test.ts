import { describe, expect, it } from 'vitest';
import { romanValue, speechText } from '../../audio/scratch/speech-text.ts';

describe('text normalisation for the reference reading', () => {
  it('reads Roman numerals in headings as numbers, and leaves the pronoun I alone', () => {
    expect(speechText('Chapter XII')).toBe('Chapter 12');
    expect(speechText('Part IV: The Return')).toBe('Part 4: The Return');
    expect(speechText('XIV')).toBe('14');
    expect(speechText('I walked home.')).toBe('I walked home.');
    expect(speechText('I')).toBe('I');
    expect(speechText('Chapter IIII')).toBe('Chapter IIII');
    expect([romanValue('MCMXCIV'), romanValue('IC'), romanValue('')]).toEqual([1994, undefined, undefined]);
  });

  it('expands abbreviations, money and percentages the way a narrator reads them', () => {
    expect(speechText('Mr. Giles met Dr. Walsh on St. Mary Street.')).toBe(
      'Mister Giles met Doctor Walsh on Saint Mary Street.',
    );
    expect(speechText('It cost $5.50 & took 20% of it, e.g. the rent.')).toBe(
      'It cost 5.50 dollars and took 20 percent of it, for example the rent.',
    );
  });

  it('drops emoticons, links and music marks', () => {
    expect(speechText('Thanks to everyone that reads! =) :-) <3 xD')).toBe('Thanks to everyone that reads!');
    expect(speechText('♪ See http://example.com/x ♪')).toBe('See a link');
    expect(speechText('A/N: thanks')).toBe("Author's note: thanks");
  });
});
