import { describe, expect, it } from 'vitest';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { isProseChapterHeading, isProseSeparator } from '../../cues/readers/prose/prose-structure.ts';
import { srtCaptions } from '../../cues/sidecars/captions.ts';
import { spokenText } from '../../cues/spoken-text.ts';
import { expectSheetInvariants } from '../support/sheet-invariants.ts';

// What a new-user trial of the prose reader found (issue 13), kind by kind: dialogue opening a
// book, chapter headings and dialogue of other languages, English attribution (kinship names,
// titles with and without the dot, possessives), and fan-fiction conventions.

function parse(script: string): CueSheet {
  const sheet = parseScript(script, { format: 'prose' });
  expectSheetInvariants(script, sheet);
  return sheet;
}

const rows = (sheet: CueSheet) => sheet.cues.map((c) => [c.kind, c.speaker ?? '', spokenText(c)]);
const speeches = (sheet: CueSheet) =>
  sheet.cues.filter((c) => c.kind === 'dialogue').map((c) => [c.speaker ?? '', spokenText(c)]);

describe('dialogue is never a title', () => {
  const OPENINGS = [
    "'Get up!'",
    '‘Get up!’',
    '"Get up!"',
    '“Get up!”',
    "'Get up, you lazy lump, the bus is at the end of the road already and you are not dressed!'",
    '‘Get up,’ she said.',
    '„Steh auf!“',
    '«Lève-toi!»',
    '— Lève-toi!',
  ];
  for (const opening of OPENINGS) {
    it(`${opening} then story`, () => {
      const sheet = parse(`${opening}\n\nI did not.`);
      expect(sheet.cues.some((c) => c.kind === 'title')).toBe(false);
      expect(sheet.cues[0]!.kind).toBe('dialogue');
      expect(sheet.title).toBe('Untitled');
    });
    it(`${opening} after a chapter heading`, () => {
      const sheet = parse(`Chapter One\n\n${opening}\n\nI did not.`);
      expect(sheet.cues.map((c) => c.kind).slice(0, 2)).toEqual(['heading', 'dialogue']);
      expect(sheet.title).toBe('Chapter One');
    });
  }

  it('a speech with its tag after a heading keeps both halves and the speaker', () => {
    const sheet = parse("Chapter One\n\n'Your father,' said Mrs Hale, 'is out.'\n\n'Oh,' said Margaret.");
    expect(speeches(sheet)).toEqual([
      ['Mrs Hale', 'Your father,'],
      ['Mrs Hale', 'is out.'],
      ['Margaret', 'Oh,'],
    ]);
  });

  it('a title still is a title, and an elision opening it is no speech', () => {
    expect(parse('The Long Way Home\n\nShe left.').title).toBe('The Long Way Home');
    expect(parse("'Salem's Lot\n\nShe left.").title).toBe("'Salem's Lot");
  });
});

describe('chapter headings in other languages', () => {
  const HEADINGS = [
    'Kapitel 2',
    'Erstes Kapitel',
    '1. Kapitel',
    'Chapitre 2',
    'Chapitre premier',
    'Capítulo 3',
    'Capitolo IV',
    'Hoofdstuk 5',
    'Rozdział 6',
    'Глава 7',
    'Глава первая',
    '第2章',
    '第十二章 归来',
    'IV',
    'XII.',
    'Part Two',
    'Chapter Thirty-One',
    'Kapitel 2: Der Wald',
  ];
  for (const heading of HEADINGS) {
    it(`${heading} opens a chapter`, () => {
      expect(isProseChapterHeading(heading)).toBe(true);
      const sheet = parse(`${heading}\n\nSie ging.\n\nEr kam.`);
      expect(sheet.cues.map((c) => c.kind)).toEqual(['heading', 'narration', 'narration']);
      expect(sheet.chapters.map((c) => c.title)).toEqual([heading]);
      expect(sheet.cues.some((c) => c.kind === 'title')).toBe(false);
    });
  }
  const NOT_HEADINGS = ['Parte di lui era stanca.', 'Un livre.', 'Teil des Plans', 'Ooh.'];
  for (const line of NOT_HEADINGS) {
    it(`${line} is no heading`, () => expect(isProseChapterHeading(line)).toBe(false));
  }

  it('a German book gets a chapter per Kapitel', () => {
    const sheet = parse('Kapitel 1\n\nSie ging.\n\nKapitel 2\n\nEr kam.\n\nKapitel 3\n\nEnde.');
    expect(sheet.chapters.map((c) => c.title)).toEqual(['Kapitel 1', 'Kapitel 2', 'Kapitel 3']);
  });
});

describe('dialogue of other languages', () => {
  const TABLE: Array<[string, string, Array<[string, string, string]>]> = [
    [
      'German „…“, then a comma and the verb',
      'Anna und Ben saßen.\n\n„Wo warst du?“, fragte Anna.\n\n»Draußen«, sagte Ben.',
      [
        ['narration', '', 'Anna und Ben saßen.'],
        ['dialogue', 'Anna', 'Wo warst du?'],
        ['narration', '', 'fragte Anna.'],
        ['dialogue', 'Ben', 'Draußen'],
        ['narration', '', 'sagte Ben.'],
      ],
    ],
    [
      'German verb before the speech, and a pronoun after it',
      'Ben kam herein. Er war müde. Anna lachte. Sie sah Ben und Anna an.\n\nBen rief: „Hallo!“\n\n„Wie geht’s?“, antwortete sie.',
      [
        ['narration', '', 'Ben kam herein. Er war müde. Anna lachte. Sie sah Ben und Anna an.'],
        ['narration', '', 'Ben rief:'],
        ['dialogue', 'Ben', 'Hallo!'],
        ['dialogue', 'Anna', 'Wie geht’s?'],
        ['narration', '', 'antwortete sie.'],
      ],
    ],
    [
      'French guillemets and dialogue dashes with an inverted incise',
      'Pierre entra. Il était las. Anne regarda Pierre. Elle sourit.\n\n«Où étais-tu?» demanda Anne.\n\n— Juste dehors, dit-il.\n\n— Dehors? répondit-elle.',
      [
        ['narration', '', 'Pierre entra. Il était las. Anne regarda Pierre. Elle sourit.'],
        ['dialogue', 'Anne', 'Où étais-tu?'],
        ['narration', '', 'demanda Anne.'],
        ['dialogue', 'Pierre', 'Juste dehors'],
        ['narration', '', 'dit-il.'],
        ['dialogue', 'Anne', 'Dehors?'],
        ['narration', '', 'répondit-elle.'],
      ],
    ],
    [
      'a French speech that goes on after its incise',
      'Pierre entra.\n\n— Oui, dit Pierre, je reviens demain.',
      [
        ['narration', '', 'Pierre entra.'],
        ['dialogue', 'Pierre', 'Oui'],
        ['narration', '', 'dit Pierre'],
        ['dialogue', 'Pierre', 'je reviens demain.'],
      ],
    ],
    [
      'Spanish dashes around the incise',
      'Ana y Luis esperaban.\n\n—¿Dónde estabas? —preguntó Ana—. Te busqué.\n\n—Fuera —dijo Luis.',
      [
        ['narration', '', 'Ana y Luis esperaban.'],
        ['dialogue', 'Ana', '¿Dónde estabas?'],
        ['narration', '', 'preguntó Ana'],
        ['dialogue', 'Ana', 'Te busqué.'],
        ['dialogue', 'Luis', 'Fuera'],
        ['narration', '', 'dijo Luis.'],
      ],
    ],
    [
      'a line of narration that starts with a dash is not speech',
      'He waited.\n\n—and then the rain came.',
      [
        ['narration', '', 'He waited.'],
        ['narration', '', '—and then the rain came.'],
      ],
    ],
  ];
  for (const [name, script, expected] of TABLE) {
    it(name, () => expect(rows(parse(script))).toEqual(expected));
  }

  it('no caption starts with the punctuation a quote left', () => {
    const sheet = parse('„Wo?“, fragte Anna.\n\n‘Here’, said Tom; ‘there’. He left.\n\n"Now". Dana sat.');
    for (const cue of sheet.cues) expect(spokenText(cue)).not.toMatch(/^[,.;:]/);
  });
});

describe('English attribution', () => {
  const TABLE: Array<[string, string, Array<[string, string]>]> = [
    [
      'kinship words as names',
      '"Get up," said Mum.\n\n"Five more minutes."\n\n"Now," said Dad.\n\n"Leave him," Gran said. She sighed. "Fine."',
      [
        ['Mum', 'Get up,'],
        ['', 'Five more minutes.'],
        ['Dad', 'Now,'],
        ['Gran', 'Leave him,'],
        ['Gran', 'Fine.'],
      ],
    ],
    [
      'one speaker whether the title has its dot or not, spelled as the text spells it',
      "Mrs Hale sat by the fire while Margaret read.\n\n'Well?' said her mother.\n\n'Nothing,' said Margaret.\n\n'Come,' said Mrs. Hale.",
      [
        ['Mrs Hale', 'Well?'],
        ['Margaret', 'Nothing,'],
        ['Mrs Hale', 'Come,'],
      ],
    ],
    [
      'a kin speaker never named takes the text’s style of title',
      'Mr. Bennet sat while Lizzy read by the fire.\n\n"Well?" said her mother.',
      [['Mrs. Bennet', 'Well?']],
    ],
    [
      'the same, undotted',
      'Mr Bennet sat while Lizzy read by the fire.\n\n"Well?" said her mother.',
      [['Mrs Bennet', 'Well?']],
    ],
    [
      'a plural possessive before the closing quote',
      "Tom and Ann sat.\n\n'I have been to the Joneses',' said Tom.\n\n'And the Smiths'?' said Ann.",
      [
        ['Tom', "I have been to the Joneses',"],
        ['Ann', "And the Smiths'?"],
      ],
    ],
  ];
  for (const [name, script, expected] of TABLE) {
    it(name, () => expect(speeches(parse(script))).toEqual(expected));
  }

  it('the possessive leaves no quote mark in the narration', () => {
    const sheet = parse("Tom and Ann sat.\n\n'I have been to the Joneses',' said Tom.");
    expect(sheet.cues.map((c) => spokenText(c))).toContain('said Tom.');
  });
});

describe('fan-fiction conventions', () => {
  it('the story header is unspoken notes, author’s notes spoken notes; Title: titles the book', () => {
    const script =
      'Title: The Long Way\nAuthor: someone\nRating: T\nDisclaimer: I own nothing.\n\nA/N: First fic, be nice!\n\nBuffy walked home.\n\n* * *\n\nA/N: Please review!';
    const sheet = parse(script);
    expect(sheet.title).toBe('The Long Way');
    expect(rows(sheet)).toEqual([
      ['note', '', ''],
      ['title', '', 'The Long Way'],
      ['note', '', ''],
      ['note', '', 'A/N: First fic, be nice!'],
      ['narration', '', 'Buffy walked home.'],
      ['separator', '', ''],
      ['note', '', 'A/N: Please review!'],
    ]);
    const captions = srtCaptions({
      ...sheet,
      cues: sheet.cues.map((c, i) => ({ ...c, start: i * 3, end: i * 3 + 2 })),
    });
    expect(captions).not.toMatch(/Disclaimer|Rating|Author/);
    expect(captions).toMatch(/A\/N: First fic/);
  });

  it('a header with a single key line only when it is Title: or Author:', () => {
    expect(parse('Author: Jo\n\nShe left.').cues[0]!.kind).toBe('note');
    expect(parse('Setting: a small room.\n\nShe left.').cues.some((c) => c.kind === 'note')).toBe(false);
  });

  const EMPHASIS: Array<[string, string]> = [
    ["I'm *exactly* on time.", "I'm exactly on time."],
    ['She was _so_ tired.', 'She was so tired.'],
    ['**Never** again, __ever__.', 'Never again, ever.'],
    ['*Not now,* she thought.', 'Not now, she thought.'],
    ['Two * three is six; snake_case_name stays.', 'Two * three is six; snake_case_name stays.'],
  ];
  for (const [text, said] of EMPHASIS) {
    it(`emphasis marks are not spoken: ${text}`, () => {
      const sheet = parse(`He waited.\n\n${text}`);
      expect(spokenText(sheet.cues[1]!)).toBe(said);
      expect(sheet.cues[1]!.text).toBe(text);
    });
  }
  it('emphasis inside a speech is not spoken either', () => {
    expect(speeches(parse('Tom sat.\n\n"I am *not* late," said Tom.'))).toEqual([['Tom', 'I am not late,']]);
  });

  const RULES = ['oOoOoOo', 'OoOoO', 'oOo', 'xXxXx', '~oOo~', '-oOo-oOo-', 'o0o0o'];
  for (const rule of RULES) {
    it(`${rule} is a scene break`, () => {
      expect(isProseSeparator(rule)).toBe(true);
      expect(parse(`She left.\n\n${rule}\n\nHe stayed.`).cues.map((c) => c.kind)).toEqual([
        'narration',
        'separator',
        'narration',
      ]);
    });
  }
  for (const word of ['Ooo', 'XOXO', 'xxx', 'Oo', 'ooo']) {
    it(`${word} is not a scene break`, () => expect(isProseSeparator(word)).toBe(false));
  }
});
