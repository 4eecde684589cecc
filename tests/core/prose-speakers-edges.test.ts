import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { expectSheetInvariants } from '../support/sheet-invariants.ts';

// Who speaks each quoted speech in prose (cues/readers/prose/speakers.ts), at the edges the other
// prose tests leave open: pronouns met before any name, genders learned from "herself" and the
// next sentence's pronoun, kinship in titled families ("said his lady", "said her father"),
// speakers known only by a voice, a beat or the sentence before, and names called in a speech.

function dialogue(script: string): Array<[string, string]> {
  const sheet = parseScript(script, { format: 'prose' });
  expectSheetInvariants(script, sheet);
  return sheet.cues.filter((c) => c.kind === 'dialogue').map((c) => [c.speaker ?? '', c.text]);
}

type Case = [string, string, Array<[string, string]>];

function table(cases: Case[]): void {
  for (const [name, text, expected] of cases) {
    it(name, () => {
      expect(dialogue(text)).toEqual(expected);
    });
  }
}

describe('pronouns and the genders the story teaches', () => {
  table([
    [
      'a pronoun before any name: the one woman and the one man the story goes on to name',
      '"Where have you been?" she asked.\n\n"Out," he said.\n\n' +
        'Anna laughed at last. She was glad he was home. Ben smiled. He was tired. Carl stayed outside. ' +
        'Carl smoked. The dog barked at Ben. He ignored it.\n\nAnna went up. Ben stayed.',
      [
        ['Anna', 'Where have you been?'],
        ['Ben', 'Out,'],
      ],
    ],
    [
      'a pronoun before any name with two women in the story: no guess',
      '"Where have you been?" she asked.\n\nAnna laughed at last. She was glad. Kate smiled. She was tired.\n\n' +
        'Anna went up. Kate stayed.',
      [['', 'Where have you been?']],
    ],
    [
      '"herself" and "himself" say who is a woman and who a man',
      'Anna brushed her hair and looked at herself in the mirror. Tom waited below and checked himself in the hall glass.\n\n' +
        'Anna came down at last. Tom stood up.\n\n"You look lovely," she said.\n\n"Thank you," he said.',
      [
        ['Anna', 'You look lovely,'],
        ['Tom', 'Thank you,'],
      ],
    ],
    [
      'German: the next sentence\'s "Sie" makes Anna a woman, so "sagte sie" is hers',
      'Anna lachte. Sie war froh. Anna trank Tee. Ben nickte. Er war müde. Ben las.\n\n„Komm her“, sagte sie.',
      [['Anna', 'Komm her']],
    ],
    [
      'the first name of the book is the woman a later "she" means',
      'Mrs. Hale sat by the window while Mr. Hale read.\n\n"It is cold," she said.\n\n"Yes," said Mr. Hale.\n\n' +
        'Miss Dixon came in with the tea.',
      [
        ['Mrs. Hale', 'It is cold,'],
        ['Mr. Hale', 'Yes,'],
      ],
    ],
    [
      'a speech ending a sentence inside a paragraph, then "She"',
      'It was late.\n\nAnna smiled. "Hello." She sat down. Anna waited.\n\nBen nodded. Ben left.',
      [['Anna', 'Hello.']],
    ],
  ]);
});

describe('family words as names', () => {
  table([
    [
      '"Mum" in the narration is the woman "she said" means',
      'Mum came in with the tea.\n\nThe pot was hot. Tom reached for it. "Sit down," she said.',
      [['Mum', 'Sit down,']],
    ],
    [
      '"Dad" is the man "he said" means',
      'Dad came in with the paper. Anna sat by the fire.\n\nThe room was warm. Anna looked up. "You\'re home," he said.',
      [['Dad', "You're home,"]],
    ],
  ]);
});

describe('kinship in titled families', () => {
  table([
    [
      '"said his lady": the wife of the man named last (Pride and Prejudice)',
      'It was a truth universally acknowledged. Mr. Bennet sat in the library.\n\n' +
        '"My dear Mr. Bennet," said his lady to him one day, "have you heard that Netherfield Park is let at last?"',
      [
        ['Mrs. Bennet', 'My dear Mr. Bennet,'],
        ['Mrs. Bennet', 'have you heard that Netherfield Park is let at last?'],
      ],
    ],
    [
      '"said her husband": the husband of the woman named last',
      'Mrs. Hale sat by the fire. Mr. Hale was out.\n\n"You are late," said her husband.',
      [['Mr. Hale', 'You are late,']],
    ],
    [
      '"said his wife" passes over a woman named since',
      'Mr. Bennet came home. Mrs. Long called.\n\n"Nonsense," said his wife.',
      [['Mrs. Bennet', 'Nonsense,']],
    ],
    [
      'a name made from kinship takes the dotted title when the book writes both styles equally',
      'Mr. Bennet came home. Mrs Long called.\n\n"Nonsense," said his wife.',
      [['Mrs. Bennet', 'Nonsense,']],
    ],
    [
      '"her wife" and "his husband" are no Mrs. or Mr. of the family',
      'Mrs. Hale sat by the fire. Mr. Hale was out. Kate and Jo lived next door.\n\n"Come to bed," said her wife.\n\n' +
        '* * *\n\nMrs. Hale sat by the fire. Mr. Hale was out.\n\n"Come to bed," said his husband.',
      [
        ['', 'Come to bed,'],
        ['', 'Come to bed,'],
      ],
    ],
    [
      '"said her father": the family named most, not the one named first',
      'Mr. Lucas called once. Mr. Bennet and Mrs. Bennet sat in the parlour. Mr. Bennet read.\n\n' +
        '"Lizzy," said her father, "come here."',
      [
        ['Mr. Bennet', 'Lizzy,'],
        ['Mr. Bennet', 'come here.'],
      ],
    ],
    [
      '"said her mother"',
      'Mr. Lucas called once. Mr. Bennet and Mrs. Bennet sat in the parlour. Mrs. Bennet sewed.\n\n' +
        '"Lizzy," said her mother, "come here."',
      [
        ['Mrs. Bennet', 'Lizzy,'],
        ['Mrs. Bennet', 'come here.'],
      ],
    ],
    [
      '"his wife said" before the speech',
      'Mr. Bennet sat in the library.\n\nAt last his wife said, "You must go."',
      [['Mrs. Bennet', 'You must go.']],
    ],
  ]);
});

describe('titles as the book spells them', () => {
  table([
    [
      'two spaces after "Mr." (old typesetting) are one name',
      'Mr. Bennet sat in the library.\n\n"Yes," said Mr.  Bennet.',
      [['Mr. Bennet', 'Yes,']],
    ],
    [
      '"Mr Bennet" without its dot in a book that writes "Mr. Bennet"',
      'Mr. Bennet sat in the library. Mr. Collins came in.\n\n"Yes," said Mr Bennet.',
      [['Mr. Bennet', 'Yes,']],
    ],
  ]);
});

describe('names called in a speech answer it', () => {
  table([
    [
      '"Come, Darcy": the titled Mr. Darcy answers',
      'Mr. Darcy stood by the wall. Mr. Bingley danced.\n\n"Come, Darcy," said Mr. Bingley, "I must have you dance."\n\n' +
        '"I certainly shall not."',
      [
        ['Mr. Bingley', 'Come, Darcy,'],
        ['Mr. Bingley', 'I must have you dance.'],
        ['Mr. Darcy', 'I certainly shall not.'],
      ],
    ],
    [
      '"Good evening, Mr. Darcy": called by his title',
      'Mr. Darcy stood by the wall. Mr. Bingley danced.\n\n"Good evening, Mr. Darcy," said Mr. Bingley.\n\n"Good evening."',
      [
        ['Mr. Bingley', 'Good evening, Mr. Darcy,'],
        ['Mr. Darcy', 'Good evening.'],
      ],
    ],
  ]);
});

describe('the narration around a speech', () => {
  table([
    [
      'a beat after the speech outweighs the subject before it',
      'Anna looked at Tom across the table.\n\nAnna looked at Tom. "Not now." Tom set down the cup.',
      [['Tom', 'Not now.']],
    ],
    [
      'a speech verb later in the sentence is not the one that leads into the speech',
      'Tom and Anna sat in the kitchen.\n\nTom said, "Come here," and then Anna whispered something.',
      [['Tom', 'Come here,']],
    ],
    [
      'the subject of the sentence before, past one with no one in it',
      'Tom and Anna sat in the kitchen. Anna poured the tea.\n\nAnna looked up. It was late. "Well?"',
      [['Anna', 'Well?']],
    ],
    [
      '"Then Anna looked up": the name after a capitalised word',
      'Tom and Anna sat in the kitchen. Anna poured the tea.\n\nThen Anna looked up. "Well?"',
      [['Anna', 'Well?']],
    ],
    [
      '"Anna\'s soft voice": the owner of the voice, not the one who hears it',
      'Tom and Anna sat in the kitchen. Anna poured the tea.\n\nTom turned when he heard Anna\'s soft voice. "I\'m here."',
      [['Anna', "I'm here."]],
    ],
    [
      '"her voice"',
      'Tom and Anna sat in the kitchen. Anna poured the tea. She was tired.\n\nTom turned at the sound of her voice. "I\'m here."',
      [['Anna', "I'm here."]],
    ],
    [
      'a speech verb outweighs a beat in the same paragraph',
      'Tom and Anna sat in the kitchen.\n\nTom said, "Come here." Anna smiled. "Now."',
      [
        ['Tom', 'Come here.'],
        ['Tom', 'Now.'],
      ],
    ],
    [
      '"her husband said" before a speech outweighs a beat in the same paragraph',
      'Mrs. Hale sat by the fire. Mr. Hale was out.\n\nThen her husband said, "You are late." Mrs. Hale looked up. "Again."',
      [
        ['Mr. Hale', 'You are late.'],
        ['Mr. Hale', 'Again.'],
      ],
    ],
    [
      '"said her husband" answers a speech left open, rather than carrying it on',
      'Mrs. Hale sat by the fire. Mr. Hale was out.\n\n"I waited all evening," said Mrs. Hale. "All evening.\n\n' +
        '"You are late," said her husband.',
      [
        ['Mrs. Hale', 'I waited all evening,'],
        ['Mrs. Hale', 'All evening.'],
        ['Mr. Hale', 'You are late,'],
      ],
    ],
  ]);
});

describe('capitalised words that are not people', () => {
  table([
    [
      '"Shaking his head," at the start of sentences is no one',
      'Shaking his head, Tom turned away. Shaking her head, Anna followed.\n\nShaking his head, Tom stopped. "No."',
      [['Tom', 'No.']],
    ],
    [
      'a name with "ing" inside it ("Kingsley") is still a name',
      'Kingsley nodded. Kingsley was tired.\n\nKingsley sighed. "Fine."',
      [['Kingsley', 'Fine.']],
    ],
    [
      'a name seen once, beside a speech verb',
      'Tom waited.\n\n"Enough," said Kingsley.',
      [['Kingsley', 'Enough,']],
    ],
    [
      '"Perhaps" opening sentences is no character',
      'Anna waited by the door. Perhaps he would come. Perhaps he would not.\n\nPerhaps it was foolish. "Tom?"',
      [['', 'Tom?']],
    ],
    [
      '"Maybe Tom was right" after a speech: Tom',
      'Tom and Anna sat in the kitchen. Tom read.\n\n"Hm." Maybe Tom was right.',
      [['Tom', 'Hm.']],
    ],
  ]);
});

describe('names shaped unlike "Tom"', () => {
  // Each had no speaker: "-ly" and "-ing" alone turned the first away, the name pattern stopped
  // at the inner capital (after Mc, Mac or an apostrophe) of the second.
  const NAMES = ['Lily', 'Emily', 'Molly', 'Kelly', 'King', 'Irving', "O'Connor", 'McGonagall', 'MacDonald'];
  for (const name of NAMES) {
    it(`"Enough," said ${name}.`, () => {
      expect(dialogue(`The rain had stopped by noon.\n\n"Enough," said ${name}. "We go now."\n`)).toEqual([
        [name, 'Enough,'],
        [name, 'We go now.'],
      ]);
    });
  }

  it('still takes a capitalised adverb or participle at the head of a sentence for no one', () => {
    const text =
      'Tom sat by the fire.\n\nSadly he looked up. Slowly he stood. Sadly he sighed. Slowly he turned.\n\n' +
      '"Enough," said Slowly.\n';
    expect(dialogue(text)).toEqual([['', 'Enough,']]);
  });
});
