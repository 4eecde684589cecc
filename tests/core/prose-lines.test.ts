import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { headerKey, isAuthorVoice, startsWithNoteMarker } from '../../cues/readers/prose/author-notes.ts';
import { isProseChapterHeading, isProseSeparator } from '../../cues/readers/prose/prose-structure.ts';
import { splitSentences } from '../../cues/readers/prose/sentences.ts';
import { dialogueQuoteStyle, scanSingleQuotes } from '../../cues/readers/prose/single-quotes.ts';
import { spokenText } from '../../cues/spoken-text.ts';

// The prose reader's line tests (issue 19, mutation testing): fan-fiction headers and authors'
// notes as archives and writers type them, and sentence ends as fan fiction writes them
// (emoticons, initials, spaced-out text), each at the bound of its pattern.

function sentences(text: string): string[] {
  return splitSentences(text, 0, text.length).map((s) => text.slice(s.start, s.end));
}

describe('sentences', () => {
  const CASES: Array<[text: string, expected: string[]]> = [
    ['She ran.  He hid.  ', ['She ran.', 'He hid.']],
    ['She ran.  ', ['She ran.']],
    ['   ', []],
    ['She stopped. “Who’s there?” he asked.', ['She stopped.', '“Who’s there?” he asked.']],
    [':) Thanks for reading! Buffy walked home.', [':)', 'Thanks for reading!', 'Buffy walked home.']],
    ['Thanks ^^ Buffy walked home.', ['Thanks ^^', 'Buffy walked home.']],
    ['Thanks =) Buffy walked.', ['Thanks =)', 'Buffy walked.']],
    ['Thanks =) see you soon.', ['Thanks =) see you soon.']],
    ['I saw Dr. E. Then I left.', ['I saw Dr. E.', 'Then I left.']],
  ];
  for (const [text, expected] of CASES)
    it(JSON.stringify(text), () => expect(sentences(text)).toEqual(expected));

  it('gives spans into the whole text, from the offset asked for', () => {
    const text = 'Title line\nShe ran.  He hid.';
    expect(splitSentences(text, 11, text.length)).toEqual([
      { start: 11, end: 19 },
      { start: 21, end: 28 },
    ]);
  });
});

describe('story header lines', () => {
  const KEYS: Array<[line: string, key: string | undefined]> = [
    ['Title: The Long Way', 'title'],
    ['Pairing: Buffy/Spike', 'pairing'],
    ['Pairings: B/S', 'pairings'],
    ['Fandom: Buffy', 'fandom'],
    ['Warning: violence', 'warning'],
    ['Genre: Romance', 'genre'],
    ['Character: Buffy S.', 'character'],
    ['Spoiler: season 7', 'spoiler'],
    ['Wordcount: 2,000', 'wordcount'],
    ['Word count: 2,000', 'word count'],
    ['Beta: Willow', 'beta'],
    ['Beta reader: Willow', 'beta reader'],
    ['Note: repost', 'note'],
    ['Rating : T', 'rating'],
    ['A/N: hi', 'a/n'],
    ['Relationship status: complicated', undefined],
    ['Subtitle: A Tale', undefined],
  ];
  for (const [line, key] of KEYS) it(JSON.stringify(line), () => expect(headerKey(line)).toBe(key));
});

describe("authors' notes", () => {
  const MARKED = [
    '(A/N: sorry for the wait!)',
    '[A/N: sorry]',
    "Author's note: thanks",
    'Author’s note: thanks',
    'Authors’ notes: thanks',
    'Authors note: thanks',
    'Author note - thanks',
    "Note: this chapter is unbeta'd.",
    'N.B.: fixed typos',
    'PS: review!',
    'P.S. - review!',
    'Disclaimer: not mine',
  ];
  for (const line of MARKED)
    it(`${JSON.stringify(line)} opens a note`, () => expect(startsWithNoteMarker(line)).toBe(true));
  for (const line of ['Plan: get in, get out.', 'Notebook in hand, she left.'])
    it(`${JSON.stringify(line)} is the story`, () => expect(startsWithNoteMarker(line)).toBe(false));

  const VOICE = [
    'The characters belong to J.K. Rowling.',
    'Leave a review!',
    'Enjoy this, guys!',
    'This oneshot was hard to write.',
    'Thank you all!',
    "I don't own Buffy.",
    'I don’t own Buffy.',
    'Joss Whedon doesn’t own me.',
  ];
  for (const line of VOICE)
    it(`${JSON.stringify(line)} is the author talking`, () => expect(isAuthorVoice(line)).toBe(true));
  for (const line of ['She owned the shop.', 'He did not own a car.'])
    it(`${JSON.stringify(line)} is the story`, () => expect(isAuthorVoice(line)).toBe(false));
});

describe('pronouns of other languages beside a speech verb', () => {
  // Without the pronoun's gender the third speech would go to Anna by turn-taking.
  const GERMAN =
    'Tom kam herein. Er war nass. Anna wartete am Fenster. Sie war wütend.\n\n„Wo warst du?“, fragte Anna.\n\n„Draußen“, sagte Tom.\n\n„Und dann?“, fragte er.\n\n„Nichts“, sagte sie.';
  const FRENCH =
    'Tom entra. Il était mouillé. Anna attendait à la fenêtre. Elle était furieuse.\n\n« Où étais-tu ? » demanda Anna.\n\n« Dehors », dit Tom.\n\n« Et puis ? » demanda-t-il.\n\n« Rien », dit-elle.';
  for (const [language, text] of [
    ['German', GERMAN],
    ['French', FRENCH],
  ] as const) {
    it(`${language}: "er"/"il" is Tom, "sie"/"elle" is Anna`, () => {
      const speakers = parseScript(text, { format: 'prose' })
        .cues.filter((c) => c.kind === 'dialogue')
        .map((c) => c.speaker);
      expect(speakers).toEqual(['Anna', 'Tom', 'Tom', 'Anna']);
    });
  }
});

describe('speech opened by a dash', () => {
  it('an indented dash opens speech, its incise is narration, the speech resumes after it; an en-dash minus does not', () => {
    const text =
      'Paul ouvrit la porte.\n\n   — Juste dehors, dit-il, derrière la porte.\n\n–10 degrés cette nuit-là. Personne ne sortit.';
    expect(parseScript(text, { format: 'prose' }).cues.map((c) => [c.kind, spokenText(c)])).toEqual([
      ['narration', 'Paul ouvrit la porte.'],
      ['dialogue', 'Juste dehors'],
      ['narration', 'dit-il'],
      ['dialogue', 'derrière la porte.'],
      ['narration', '–10 degrés cette nuit-là. Personne ne sortit.'],
    ]);
  });
});

// The prose reader's paragraph decisions (issue 19, read-prose.ts's survivors): songs and verse
// told from speech, a song left open over a stanza break, the fan-fiction header and title before
// the story, authors' notes after a rule, and the speaker of a speech that answers one left open.

function cuesOf(text: string): string[] {
  return parseScript(text, { format: 'prose' }).cues.map(
    (c) => `${c.kind}${c.spoken === '' ? ' (silent)' : ''}${c.speaker ? ` ${c.speaker}` : ''}: ${c.text}`,
  );
}

/** The cues after an opening paragraph of narration: the story has started, nothing is a title. */
function storyCues(text: string): string[] {
  const cues = cuesOf(`Night fell over Sunnydale, and the library was quiet.\n\n${text}`);
  expect(cues[0]).toBe('narration: Night fell over Sunnydale, and the library was quiet.');
  return cues.slice(1);
}

describe('sung or said', () => {
  const CASES: Array<[text: string, expected: string[]]> = [
    ['Buffy sang, “Once more, with feeling.”', ['narration: Buffy sang,', 'lyric: Once more, with feeling.']],
    [
      'Buffy began to sing:\n\n“Once more, with feeling.”',
      ['narration: Buffy began to sing:', 'lyric: Once more, with feeling.'],
    ],
    [
      'Giles began to chant, “Ancient ones, hear me.”',
      ['narration: Giles began to chant,', 'lyric: Ancient ones, hear me.'],
    ],
    [
      'Spike began to croon, “Blood and roses, love.”',
      ['narration: Spike began to croon,', 'lyric: Blood and roses, love.'],
    ],
    // The sing verb is not what leads into the quote.
    [
      'Willow hummed, then stopped. "Hi," she said.',
      ['narration: Willow hummed, then stopped.', 'dialogue: Hi,', 'narration: she said.'],
    ],
    [
      'Buffy sang all night. Then Xander said: “Stop.”',
      ['narration: Buffy sang all night. Then Xander said:', 'dialogue Xander: Stop.'],
    ],
    [
      'Buffy sang. “Hi,” said Xander.',
      ['narration: Buffy sang.', 'dialogue Xander: Hi,', 'narration: said Xander.'],
    ],
  ];
  for (const [text, expected] of CASES)
    it(JSON.stringify(text), () => expect(storyCues(text)).toEqual(expected));
});

describe('verse or speech broken over lines', () => {
  const CASES: Array<[text: string, kind: 'lyric' | 'dialogue']> = [
    // Lines that go on in lower case are wrapped speech, whatever capitals follow inside them.
    ['Tom leaned over the table.\n\n“We walked to the\nold Mill Road and\nthen Tom said no.”', 'dialogue'],
    // Narration lines around a one-line quote are not its lines.
    ['Buffy looked up.\nShe said, “Come Home.”', 'dialogue'],
    ['Buffy said, “Come home.”\nXander nodded.', 'dialogue'],
    ['“Twinkle, twinkle, little star,\nHow I wonder what you are.”', 'lyric'],
    // A line past 100 characters is prose.
    [
      '“Twinkle, twinkle,\nHow I wonder what you are, said the old song, and no one in the room had ever heard it sung so badly.”',
      'dialogue',
    ],
    // One short line before the last is enough to break the wrapping.
    [
      '“I will tell you everything that happened on the night we lost the\nKeys, and I,\nHow it went.”',
      'lyric',
    ],
    // The narration that opens the first line is not a verse line.
    ['Buffy said, “I will go\nto the Bronze\nTonight, alone.”', 'dialogue'],
    // Two of three following lines capitalised is verse; one of three is not.
    ['“Hush now\nDon’t cry\nSleep now\nmy love.”', 'lyric'],
    ['Buffy said, “I will go\nto the Bronze\nTonight, alone\nand back.”', 'dialogue'],
  ];
  for (const [text, kind] of CASES)
    it(JSON.stringify(text), () =>
      expect(storyCues(text).filter((c) => /^(lyric|dialogue)/.test(c))).toEqual([
        expect.stringMatching(new RegExp(`^${kind}`)),
      ]),
    );

  it('a first line of 60 characters is wrapped prose, one shorter is verse', () => {
    const wrapped = '“I will tell you what I saw that night down by the old mill,';
    expect(wrapped.length).toBe(60);
    expect(storyCues(`${wrapped}\nThen we ran.”`)[0]).toMatch(/^dialogue/);
    expect(storyCues(`${wrapped.slice(0, -1)}\nThen we ran.”`)[0]).toMatch(/^lyric/);
  });
});

describe('a song left open over a stanza break', () => {
  const SONG = 'Buffy sang, “Sleep now, my darling,\nthe night is long,';
  const CASES: Array<[text: string, expected: string[]]> = [
    [
      `${SONG}\n\nClose your eyes, little one,\nthe stars are out,\n\nDream till the dawn.”\n\nXander clapped.`,
      [
        'narration: Buffy sang,',
        'lyric: Sleep now, my darling,\nthe night is long,',
        'lyric: Close your eyes, little one,\nthe stars are out,',
        'lyric: Dream till the dawn.',
        'narration: Xander clapped.',
      ],
    ],
    // A last line that closes the quote goes on with the song; plain narration does not.
    [
      `${SONG}\n\nDream till the dawn.”\n\nXander clapped.`,
      [
        'narration: Buffy sang,',
        'lyric: Sleep now, my darling,\nthe night is long,',
        'lyric: Dream till the dawn.',
        'narration: Xander clapped.',
      ],
    ],
    [
      `${SONG}\n\nXander stared at her.`,
      [
        'narration: Buffy sang,',
        'lyric: Sleep now, my darling,\nthe night is long,',
        'narration: Xander stared at her.',
      ],
    ],
    [
      `${SONG}\n\nXander stared at her for a long moment, unsure whether to laugh, to clap, or to run from the room screaming.\nThen he clapped.`,
      [
        'narration: Buffy sang,',
        'lyric: Sleep now, my darling,\nthe night is long,',
        'narration: Xander stared at her for a long moment, unsure whether to laugh, to clap, or to run from the room screaming.\nThen he clapped.',
      ],
    ],
    // A paragraph opening with a quote mark is someone speaking.
    [
      `${SONG}\n\n“What was that?” Xander asked.`,
      [
        'narration: Buffy sang,',
        'lyric: Sleep now, my darling,\nthe night is long,',
        'dialogue Xander: What was that?',
        'narration: Xander asked.',
      ],
    ],
    [
      `${SONG}\n\n“What was that?”`,
      [
        'narration: Buffy sang,',
        'lyric: Sleep now, my darling,\nthe night is long,',
        'dialogue: What was that?',
      ],
    ],
    [
      `${SONG}\n\nXander said, “Wow,” and clapped.`,
      [
        'narration: Buffy sang,',
        'lyric: Sleep now, my darling,\nthe night is long,',
        'narration: Xander said,',
        'dialogue Xander: Wow,',
        'narration: and clapped.',
      ],
    ],
    // A song that closed leaves the next paragraph's quote to speech, after a scene break too.
    [
      'Buffy sang, “Sleep now, my darling.”\n\nXander looked up and said, “Nice.”',
      [
        'narration: Buffy sang,',
        'lyric: Sleep now, my darling.',
        'narration: Xander looked up and said,',
        'dialogue: Nice.',
      ],
    ],
    [
      'Buffy sang, “Sleep now, my darling,\n\n* * *\n\nMorning came and Joyce called up the stairs, “Buffy!”',
      [
        'narration: Buffy sang,',
        'lyric: Sleep now, my darling,',
        'separator: * * *',
        'narration: Morning came and Joyce called up the stairs,',
        'dialogue Joyce: Buffy!',
      ],
    ],
  ];
  for (const [text, expected] of CASES)
    it(JSON.stringify(text), () => expect(storyCues(text)).toEqual(expected));
});

describe('turns across breaks and open quotes', () => {
  const EXCHANGE = 'Willow looked at Buffy.\n\n“Are you coming?” Willow asked.\n\n“No,” said Buffy.';
  it('turn-taking goes on within a scene and starts afresh after a break or a chapter heading', () => {
    const speaker = (text: string) => storyCues(text).at(-1);
    expect(speaker(`${EXCHANGE}\n\n“Why not?”`)).toBe('dialogue Willow: Why not?');
    expect(speaker(`${EXCHANGE}\n\n* * *\n\n“Why not?”`)).toBe('dialogue: Why not?');
    expect(speaker(`${EXCHANGE}\n\nChapter 2\n\n“Why not?”`)).toBe('dialogue: Why not?');
  });

  it('a quote left open carries on only into a paragraph that opens with a quote mark', () => {
    expect(
      storyCues('Xander said, “I went to the shop and I saw\n\nBuffy looked at him. “And?” she asked.'),
    ).toEqual([
      'narration: Xander said,',
      'dialogue Xander: I went to the shop and I saw',
      'narration: Buffy looked at him.',
      'dialogue: And?',
      'narration: she asked.',
    ]);
  });

  it('a speech verb naming another speaker answers the open quote rather than carrying it on', () => {
    expect(storyCues('Xander said, “I went to the shop and I saw\n\n“Nothing,” Buffy said.')).toEqual([
      'narration: Xander said,',
      'dialogue Xander: I went to the shop and I saw',
      'dialogue Buffy: Nothing,',
      'narration: Buffy said.',
    ]);
  });

  it('punctuation between two speeches is no narration; a one-word paragraph is', () => {
    expect(storyCues('„Komm!“ – „Nein!“\n\nNothing\n\nShe slept.')).toEqual([
      'dialogue: Komm!',
      'dialogue: Nein!',
      'narration: Nothing',
      'narration: She slept.',
    ]);
  });
});

describe("authors' notes inside the story", () => {
  const CASES: Array<[text: string, expected: string[]]> = [
    [
      'Buffy walked home.\n\nA/N: Sorry for the short chapter!',
      ['narration: Buffy walked home.', 'note: A/N: Sorry for the short chapter!'],
    ],
    // After a rule, a note runs on to the next rule or heading.
    [
      'Buffy ran.\n\n* * *\n\nA/N: Here is what happened.\n\nBuffy is a slayer in this story and Spike is human.',
      [
        'narration: Buffy ran.',
        'separator: * * *',
        'note: A/N: Here is what happened.',
        'note: Buffy is a slayer in this story and Spike is human.',
      ],
    ],
    [
      'Buffy ran.\n\n* * *\n\nThank you all for reading! Leave a review!\n\nThe next chapter is up soon.',
      [
        'narration: Buffy ran.',
        'separator: * * *',
        'note: Thank you all for reading! Leave a review!',
        'note: The next chapter is up soon.',
      ],
    ],
  ];
  for (const [text, expected] of CASES)
    it(JSON.stringify(text), () => expect(storyCues(text)).toEqual(expected));

  it('a rule followed by the story is a scene break, though the author talks after a later one', () => {
    expect(storyCues('Buffy ran.\n\n* * *\n\nMorning came.\n\n* * *\n\nThank you for reading!')).toEqual([
      'narration: Buffy ran.',
      'separator: * * *',
      'narration: Morning came.',
      'separator: * * *',
      'note: Thank you for reading!',
    ]);
  });

  it('a rule before the story does not turn the story into notes', () => {
    expect(cuesOf('~~~\n\nI don’t own Buffy or any of its characters.\n\nBuffy walked home.')).toEqual([
      'separator: ~~~',
      'note: I don’t own Buffy or any of its characters.',
      'narration: Buffy walked home.',
    ]);
  });
});

describe('the header and title before the story', () => {
  const CASES: Array<[text: string, expected: string[]]> = [
    [
      'The Long Night\n\nSunnydale, 1998\n\nBuffy ran to the door.',
      ['title: The Long Night', 'narration: Sunnydale, 1998', 'narration: Buffy ran to the door.'],
    ],
    [
      "I don't own Buffy.\n\nSunnydale, 1998\n\nBuffy ran to the door.",
      ["note: I don't own Buffy.", 'title: Sunnydale, 1998', 'narration: Buffy ran to the door.'],
    ],
    [
      'Title: The Long Night\n\nBuffy woke.',
      ['note (silent): Title:', 'title: The Long Night', 'narration: Buffy woke.'],
    ],
    [
      'Rating: T\nWarnings: none\n\nBuffy woke.',
      ['note (silent): Rating: T\nWarnings: none', 'narration: Buffy woke.'],
    ],
    [
      'Title:\nAuthor: Willow\n\nBuffy ran.',
      ['note (silent): Title:', 'note (silent): Author: Willow', 'narration: Buffy ran.'],
    ],
    // One header key that is not the title or author may open the story's own text.
    [
      'Rating: T\nBuffy walked home.\n\nShe slept.',
      ['narration: Rating: T\nBuffy walked home.', 'narration: She slept.'],
    ],
    [
      'Summary: Buffy goes home.\n\nShe slept.',
      ['narration: Summary: Buffy goes home.', 'narration: She slept.'],
    ],
    [
      'The Long Night\n\nAuthor: Willow\nRating: T\n\nBuffy woke.',
      ['title: The Long Night', 'note (silent): Author: Willow\nRating: T', 'narration: Buffy woke.'],
    ],
    [
      'Title: The Long Night\nAuthor: Willow\n\nSunnydale, 1998\n\nBuffy ran.',
      [
        'note (silent): Title:',
        'title: The Long Night',
        'note (silent): Author: Willow',
        'narration: Sunnydale, 1998',
        'narration: Buffy ran.',
      ],
    ],
    ['   "Get out!"\n\nBuffy ran.', ['dialogue: Get out!', 'narration: Buffy ran.']],
    // A single quote opening a title is speech only when it opens a quote there.
    [
      "'Tis the Season: A 'Buffy' Christmas\n\nBuffy ran.",
      ["title: 'Tis the Season: A 'Buffy' Christmas", 'narration: Buffy ran.'],
    ],
    ["'Twas the Night\n\nBuffy ran.", ["title: 'Twas the Night", 'narration: Buffy ran.']],
    ["'Salem's Lot\n\nBuffy ran.", ["title: 'Salem's Lot", 'narration: Buffy ran.']],
    ['Thank You All!\n\nBuffy woke.', ['note: Thank You All!', 'narration: Buffy woke.']],
    ['…\n\nBuffy woke.', ['narration: Buffy woke.']],
    [
      'For my sister Anna who read every draft and never once told me to stop writing\n\nBuffy woke.',
      [
        'narration: For my sister Anna who read every draft and never once told me to stop writing',
        'narration: Buffy woke.',
      ],
    ],
    [
      'The Girl Who Walked Home Alone Through the Rain in Old Sunnydale\n\nBuffy woke.',
      ['title: The Girl Who Walked Home Alone Through the Rain in Old Sunnydale', 'narration: Buffy woke.'],
    ],
    [
      'Love, and other disasters\n\nBuffy woke.',
      ['title: Love, and other disasters', 'narration: Buffy woke.'],
    ],
    // Three capitalised words of five, ending in a full stop: still a title.
    [
      'Buffy and the Slayer Dreams.\n\nBuffy woke.',
      ['title: Buffy and the Slayer Dreams.', 'narration: Buffy woke.'],
    ],
  ];
  for (const [text, expected] of CASES)
    it(JSON.stringify(text), () => expect(cuesOf(text)).toEqual(expected));
});

describe('single quotes as British novels print them (single-quotes.ts)', () => {
  const quotes = (text: string) =>
    scanSingleQuotes(text, 0, text.length).map((q) => text.slice(q.start, q.end));
  const CASES: Array<[text: string, expected: string[]]> = [
    ['‘Room 101 is empty,’ she said.', ['Room 101 is empty,']],
    ['He was in a ’90s band. ‘Really?’ she said.', ['Really?']],
    ["He stood 6 ' 2 in his socks. 'Tall,' she said.", ['Tall,']],
    // "’em" is an elision, "Em" a name.
    ["'Em dash,' she said, 'is not 'em.'", ['Em dash,', "is not 'em."]],
    ['‘Em, wait!’ Tom called.', ['Em, wait!']],
    ['‘We’re going to the Joneses’,’ said Tom, ‘for tea.’', ['We’re going to the Joneses’,', 'for tea.']],
    ['‘We dined at the Joneses’.’ Tom sighed.', ['We dined at the Joneses’.']],
    ['‘They were the dogs’ and the cats’,’ said Tom.', ['They were the dogs’ and the cats’,']],
    ['‘The boys’ \n  dormitory,’ said Tom.', ['The boys’ \n  dormitory,']],
  ];
  for (const [text, expected] of CASES)
    it(JSON.stringify(text), () => expect(quotes(text)).toEqual(expected));

  it('a lone single speech is the style when it opens a line, however the line is indented or ended', () => {
    for (const text of [
      'Dawn slept.\n  ‘Get up!’',
      'Dawn slept.\n\t‘Get up!’',
      'Dawn slept.\r‘Get up!’',
      ' ‘Get up!’',
    ])
      expect(dialogueQuoteStyle(text), JSON.stringify(text)).toBe('single');
    // Inside a double quote it is a quote within a quote.
    expect(dialogueQuoteStyle('“‘Get up!’ he said,” she told me.')).toBe('double');
  });

  // Issue 19, mutation survivors of single-quotes.ts: where a mark opens or closes speech.
  const CASES_2: Array<[text: string, expected: string[]]> = [
    // A straight mark inside a word, or opening an elision, opens nothing.
    ["It's late. 'Go,' she said.", ['Go,']],
    ["They told 'em. 'Go,' she said.", ['Go,']],
    ["'Twas cold. 'Go,' she said.", ['Go,']],
    // A mark with a blank before it closes nothing; one after a letter closes before punctuation or a capital.
    ["'It is 6 ' 2, no more,' she said.", ["It is 6 ' 2, no more,"]],
    ['‘Run’, she said.', ['Run']],
    ['‘Go’ — no.', ['Go']],
    ['‘Run’ ', ['Run']],
    ["'Wait!' '…and then?'", ['Wait!', '…and then?']],
    // No space typed after the closing mark: still closed there.
    ['‘Go’,’Tom said.', ['Go']],
  ];
  for (const [text, expected] of CASES_2)
    it(JSON.stringify(text), () => expect(quotes(text)).toEqual(expected));

  it('reads only text[start, end): the text around the span decides nothing', () => {
    const within = (text: string, start: number, end: number) =>
      scanSingleQuotes(text, start, end).map((q) => text.slice(q.start, q.end));
    // The seed's disclaimer runs into the story ("=)Buffy"): a quote opening the span opens.
    expect(within('Thanks! =)‘Hi,’ she said.', 10, 25)).toEqual(['Hi,']);
    expect(within('‘Hi’there', 0, 4)).toEqual(['Hi']);
    expect(within('‘We saw the Joneses’,’x', 0, 22)).toEqual(['We saw the Joneses’,']);
    expect(within('‘Go, boys’ \n\nand then', 0, 11)).toEqual(['Go, boys']);
  });

  it('the style: straight single quotes count, straight doubles half, a tie stays double', () => {
    expect(dialogueQuoteStyle("'Hi,' she said.\n\n'Bye,' he said.")).toBe('single');
    expect(dialogueQuoteStyle('‘Hi,’ she said, reading "Stop".')).toBe('single');
    expect(dialogueQuoteStyle('‘Hi,’ she said. He read “Stop” and “Go”.')).toBe('double');
    expect(dialogueQuoteStyle('‘Hi,’ she said. «Oui» et «non».')).toBe('double');
    expect(dialogueQuoteStyle('‘Hi,’ she said. „Ja” und „nein”.')).toBe('double');
  });

  it('titles in single quotes inside German and French speech leave the speech double-quoted', () => {
    expect(
      dialogueQuoteStyle(
        '„Hast du ‘Hamlet’ gelesen?“, fragte Anna.\n\n„Nein, nur ‘Faust’ und ‘Werther’“, sagte Tom.',
      ),
    ).toBe('double');
    expect(
      dialogueQuoteStyle(
        '« Tu as lu ‘Hamlet’ ? » demanda Anna.\n\n« Non, seulement ‘Faust’ et ‘Werther’ », dit Tom.\n\n« Dommage. »',
      ),
    ).toBe('double');
  });
});

describe('prose structure lines (prose-structure.ts)', () => {
  const HEADINGS = [
    'Kapitel zwei',
    'Kapitel vier',
    'Capítulo tres',
    'Capitolo quattro',
    'Hoofdstuk twee',
    'Chapitre deux',
    '第一章开端',
    '第三章 风雪夜归人',
    'IV.',
    'Chapter  Thirty',
    'Chapter Forty',
    'Chapter Forty Two',
  ];
  for (const line of HEADINGS)
    it(`${JSON.stringify(line)} heads a chapter`, () => expect(isProseChapterHeading(line)).toBe(true));
  const NOT_HEADINGS = [
    '请看第3章的地图。',
    `第2章${'她走进了雨里，没有回头，也没有再说一句话。'.repeat(2)}`,
    'KILL.',
    'I...',
    'II:',
    'She skipped ahead to Chapter Forty.',
    'Chapter Forty: The Long Road Home, in Which Buffy Finally Learns What It Means to Be the Slayer Alone',
  ];
  for (const line of NOT_HEADINGS)
    it(`${JSON.stringify(line)} is text`, () => expect(isProseChapterHeading(line)).toBe(false));

  for (const line of ['oOo', 'xXx', '~oOo~'])
    it(`${JSON.stringify(line)} is a scene break`, () => expect(isProseSeparator(line)).toBe(true));
  for (const line of ['OoOoh!', 'OoOoh, shiny!', 'XoXo', 'xOx'])
    it(`${JSON.stringify(line)} is text`, () => expect(isProseSeparator(line)).toBe(false));
});

describe('who speaks: titles, kin, family names and pronouns of several languages (speakers.ts)', () => {
  const speakers = (text: string) =>
    parseScript(text, { format: 'prose' })
      .cues.filter((c) => c.kind === 'dialogue')
      .map((c) => `${c.speaker ?? '-'}: ${c.text}`);
  const CASES: Array<[name: string, text: string, expected: string[]]> = [
    [
      'a titled family: his wife, her husband, her father (dotted titles)',
      'Mrs. Hale sat by the fire. Mr. Hale read aloud from Milton, and Margaret listened. She was tired.\n\n“Do stop, dear,” said his wife.\n\n“As you wish,” her husband answered.\n\n“Papa, read on,” Margaret said.\n\n“Very well,” said her father.',
      [
        'Mrs. Hale: Do stop, dear,',
        'Mr. Hale: As you wish,',
        'Margaret: Papa, read on,',
        'Mr. Hale: Very well,',
      ],
    ],
    [
      'the same family without the dots',
      'Mrs Hale sat by the fire. Mr Hale read aloud from Milton, and Margaret listened.\n\n“Do stop, dear,” said his wife.\n\n“As you wish,” her husband answered.\n\n“Very well,” said her father.',
      ['Mrs Hale: Do stop, dear,', 'Mr Hale: As you wish,', 'Mr Hale: Very well,'],
    ],
    [
      'family words as names',
      'The kitchen was warm. Mum was at the stove and Dad was reading.\n\n“Tea’s ready,” said Mum.\n\n“In a minute,” Dad muttered.\n\n“Now, please,” Mum said.',
      ['Mum: Tea’s ready,', 'Dad: In a minute,', 'Mum: Now, please,'],
    ],
    [
      'an adverb after the verb, a name called in the speech',
      'Tom came home late. He was wet through. Anna waited by the window. She was angry.\n\n“Where were you?” asked Anna.\n\n“Out,” Tom said quietly.\n\n“Come, Tom, tell me.”\n\n“I told you.”',
      ['Anna: Where were you?', 'Tom: Out,', 'Anna: Come, Tom, tell me.', 'Tom: I told you.'],
    ],
    [
      'French: "demanda-t-elle", "dit-il"',
      'Paul ouvrit la porte. Il était trempé. Marie attendait à la fenêtre. Elle était furieuse. Paul entra et Marie se leva.\n\n« Où étais-tu ? » demanda-t-elle.\n\n« Dehors », dit-il.\n\n« Et puis ? » demanda Marie.\n\n« Rien », répondit Paul.',
      ['Marie: Où étais-tu ?', 'Paul: Dehors', 'Marie: Et puis ?', 'Paul: Rien'],
    ],
    [
      'German: "fragte sie", "sagte er"',
      'Tom kam herein. Er war nass. Anna wartete am Fenster. Sie war wütend. Tom setzte sich und Anna stand auf.\n\n„Wo warst du?“, fragte sie.\n\n„Draußen“, sagte er.',
      ['Anna: Wo warst du?', 'Tom: Draußen'],
    ],
    [
      'Spanish: "preguntó ella", "dijo él"',
      'Pedro abrió la puerta. Él estaba mojado. Ana esperaba junto a la ventana. Ella estaba furiosa. Pedro entró y Ana se levantó.\n\n“¿Dónde estabas?”, preguntó ella.\n\n“Fuera”, dijo él.',
      ['Ana: ¿Dónde estabas?', 'Pedro: Fuera'],
    ],
    [
      'a weekday opening a sentence is nobody',
      'On Monday Giles came in late. He looked tired, and Giles said nothing. Buffy was waiting. She frowned.\n\n“You’re late,” Buffy said.\n\n“Monday,” said Giles wearily.',
      ['Buffy: You’re late,', 'Giles: Monday,'],
    ],
    [
      '"the Doctor"',
      'The Doctor looked at Rose. He grinned. Rose rolled her eyes, and Rose folded her arms.\n\n“Run,” the Doctor said.\n\n“Why?” said Rose.',
      ['Doctor: Run,', 'Rose: Why?'],
    ],
  ];
  for (const [name, text, expected] of CASES) it(name, () => expect(speakers(text)).toEqual(expected));
});
