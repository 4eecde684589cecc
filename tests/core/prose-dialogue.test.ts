import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { dialogueQuoteStyle, scanSingleQuotes } from '../../cues/readers/prose/single-quotes.ts';
import { ATTRIBUTION_FIXTURES, scoreAttribution } from '../support/attribution-score.ts';
import { expectSheetInvariants } from '../support/sheet-invariants.ts';

// Prose dialogue as novels punctuate it: British single quotes (curly or straight) told apart
// from apostrophes, action beats, interrupted lines, speeches over several paragraphs, quotes
// inside quotes, and turn-taking; scored on hand-marked public-domain chapters.

function dialogue(script: string): Array<[string, string]> {
  const sheet = parseScript(script, { format: 'prose' });
  expectSheetInvariants(script, sheet);
  return sheet.cues.filter((c) => c.kind === 'dialogue').map((c) => [c.speaker ?? '', c.text]);
}

describe('single quotes: speech or apostrophe', () => {
  const TABLE: Array<[string, string[]]> = [
    ['‘You’re late,’ she said.', ['You’re late,']],
    ["'You're late,' she said.", ["You're late,"]],
    ['‘The dogs’ kennels were flooded.’', ['The dogs’ kennels were flooded.']],
    ["'The dogs' kennels were flooded.'", ["The dogs' kennels were flooded."]],
    ['‘I was runnin’ down the lane,’ he said.', ['I was runnin’ down the lane,']],
    ["'Tis a fine day, said no one.", []],
    ['Rock ’n’ roll in the ’90s.', []],
    ['‘Say “please”,’ she said.', ['Say “please”,']],
    ["'Not now.' Dana set down the cup.", ['Not now.']],
    ['‘Later—’ Marcus stopped.', ['Later—']],
    ['The Joneses’ house was dark.', []],
  ];
  for (const [text, quotes] of TABLE) {
    it(JSON.stringify(text), () => {
      expect(scanSingleQuotes(text, 0, text.length).map((q) => text.slice(q.start, q.end))).toEqual(quotes);
    });
  }

  it('picks the style the text speaks in', () => {
    expect(dialogueQuoteStyle('‘Hi,’ she said.\n\n‘Bye,’ he said.')).toBe('single');
    expect(dialogueQuoteStyle('"Hi," she said. "It\'s \'nice\'," he said.\n\n"Bye."')).toBe('double');
    expect(dialogueQuoteStyle("She read the inscription: 'My Love.' Then she wept.")).toBe('double');
  });
});

describe('who speaks', () => {
  const TABLE: Array<[string, string, Array<[string, string]>]> = [
    [
      'UK single quotes, curly',
      '‘You’re late,’ said Margaret.\n\n‘The trains,’ Tom replied. ‘They’re never on time.’',
      [
        ['Margaret', 'You’re late,'],
        ['Tom', 'The trains,'],
        ['Tom', 'They’re never on time.'],
      ],
    ],
    [
      'an action beat after the quote',
      'Dana and Marcus sat down.\n\n"Not now." Dana set down the cup.\n\n"Hello." Marcus smiled. "How are you?"',
      [
        ['Dana', 'Not now.'],
        ['Marcus', 'Hello.'],
        ['Marcus', 'How are you?'],
      ],
    ],
    [
      'an interrupted line',
      'Dana and Marcus sat down. Marcus waited.\n\n"Later—" Marcus stopped. "Maybe."',
      [
        ['Marcus', 'Later—'],
        ['Marcus', 'Maybe.'],
      ],
    ],
    [
      'a speech over two paragraphs stays with its speaker',
      'Anna and Ben waited.\n\n"It began in May," said Anna. "We had no idea.\n\n"By June it was over."\n\n"I know," said Ben.',
      [
        ['Anna', 'It began in May,'],
        ['Anna', 'We had no idea.'],
        ['Anna', 'By June it was over.'],
        ['Ben', 'I know,'],
      ],
    ],
    [
      'turn-taking between two named speakers',
      'Anna and Ben waited.\n\n"Coming?" said Anna.\n\n"No," said Ben.\n\n"Why not?"\n\n"Tired."',
      [
        ['Anna', 'Coming?'],
        ['Ben', 'No,'],
        ['Anna', 'Why not?'],
        ['Ben', 'Tired.'],
      ],
    ],
    [
      'a quote inside a quote stays in the speech: single inside double',
      'Tom and Ann sat.\n\n"She said \'no\' to me," Tom said.\n\n"Oh," said Ann.',
      [
        ['Tom', "She said 'no' to me,"],
        ['Ann', 'Oh,'],
      ],
    ],
    [
      'a quote inside a quote stays in the speech: double inside single',
      'Tom and Ann sat.\n\n\u2018He wrote \u201cnever\u201d,\u2019 said Ann.\n\n\u2018Oh,\u2019 said Tom.',
      [
        ['Ann', 'He wrote \u201cnever\u201d,'],
        ['Tom', 'Oh,'],
      ],
    ],
    [
      'kinship beside a speech verb names the titled family\u2019s member',
      'Mr. Bennet sat down.\n\n"Well?" cried his wife.\n\n"Well," said her father, Mr. Bennet.',
      [
        ['Mrs. Bennet', 'Well?'],
        ['Mr. Bennet', 'Well,'],
      ],
    ],
    [
      'a name called in a speech answers next',
      'Bingley and Darcy stood apart. Jane danced.\n\n"Come, Darcy," said Bingley, "you must dance."\n\n"I certainly shall not."',
      [
        ['Bingley', 'Come, Darcy,'],
        ['Bingley', 'you must dance.'],
        ['Darcy', 'I certainly shall not.'],
      ],
    ],
    [
      'a title with a first name is one person; the plural family is none',
      'Chapter 2\n\nMrs. John Dashwood did not approve of what her husband meant to do for the Miss Dashwoods.\n\n"No," replied her husband.\n\n"Yes," said Mrs. John Dashwood.',
      [
        ['Mr. Dashwood', 'No,'],
        ['Mrs. John Dashwood', 'Yes,'],
      ],
    ],
    [
      'titles and two-word names',
      '"My dear," said Mr. Bennet.\n\n"Have some wine," the March Hare said.',
      [
        ['Mr. Bennet', 'My dear,'],
        ['March Hare', 'Have some wine,'],
      ],
    ],
  ];
  for (const [name, script, expected] of TABLE) {
    it(name, () => expect(dialogue(script)).toEqual(expected));
  }
});

describe('attribution on hand-marked public-domain chapters', () => {
  // Measured when written (precision / recall): Pride and Prejudice ch. 1-2 0.98 / 0.91, Alice
  // 1.00 / 1.00, P&P ch. 3 0.94 / 0.94, Sense and Sensibility ch. 2 0.97 / 0.97. The last two were
  // first read untuned (0.56 / 0.56 and 0.27 / 0.27): kinship mentions ("his wife's views"), names
  // called in a speech, "Mrs. John Dashwood" as one name and "the Miss Dashwoods" as none came from them.
  // The floors are the figures measured since (issue 19): a change that loses one attribution fails.
  const FLOOR: Record<string, { precision: number; recall: number }> = {
    'pride-and-prejudice-ch1-2': { precision: 0.983, recall: 0.906 },
    'alice-tea-party-opening': { precision: 1, recall: 1 },
    'pride-and-prejudice-ch3': { precision: 0.944, recall: 0.944 },
    'sense-and-sensibility-ch2': { precision: 0.969, recall: 0.969 },
  };
  for (const fixture of ATTRIBUTION_FIXTURES) {
    it(fixture, () => {
      const score = scoreAttribution(fixture);
      expect(score.speeches).toBeGreaterThan(15);
      expect(score.precision, score.misses.join('\n')).toBeGreaterThanOrEqual(FLOOR[fixture]!.precision);
      expect(score.recall, score.misses.join('\n')).toBeGreaterThanOrEqual(FLOOR[fixture]!.recall);
    });
  }
});
