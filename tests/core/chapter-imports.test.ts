import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cueSheetFile, ffmetadata } from '../../cues/sidecars/chapter-files.ts';
import { readAudacityChapters } from '../../cues/sidecars/imports/audacity-label-chapters.ts';
import { readCueSheetChapters } from '../../cues/sidecars/imports/cue-sheet-chapters.ts';
import { readFfmetadataChapters } from '../../cues/sidecars/imports/ffmetadata-chapters.ts';
import { readPodcastChapters } from '../../cues/sidecars/imports/podcast-chapters.ts';
import { chapterFileFormat, readChapterFile } from '../../cues/sidecars/imports/read-chapter-file.ts';
import { readVorbisChapterComments } from '../../cues/sidecars/imports/vorbis-chapter-comments.ts';
import { readWebvttChapters } from '../../cues/sidecars/imports/webvtt-chapters.ts';
import { HangGuard, isRefusal } from '../support/hang-guard.ts';

// Chapter files as other tools write them, each format by its own spec: CUE sheets (CDRWIN
// syntax as EAC, foobar2000 and m4b-tool write it), ffmetadata (ffmpeg-formats "Metadata"),
// Audacity labels (every form Audacity reads back), WebVTT chapters (W3C), Podcasting 2.0 JSON,
// Vorbis CHAPTERxxx comments.

const MARKS = [
  { title: 'Opening', start: 0, end: 61.5 },
  { title: 'Chapitre "deux"; l=été #1', start: 61.5, end: 200.04 },
  { title: 'Третья', start: 200.04, end: 3725.6 },
];

const starts = (result: { chapters: Array<{ start: number }> }) => result.chapters.map((c) => c.start);
const titles = (result: { chapters: Array<{ title: string }> }) => result.chapters.map((c) => c.title);

describe('CUE sheets', () => {
  it('read back what our writer wrote, quotes in titles included', () => {
    const cue = readCueSheetChapters(cueSheetFile(MARKS, 'book.mp3', 'Book'));
    expect(titles(cue)).toEqual(['Opening', 'Chapitre "deux"; l=été #1', 'Третья']);
    for (const [i, c] of cue.chapters.entries())
      expect(Math.abs(c.start - MARKS[i]!.start)).toBeLessThanOrEqual(1 / 75);
  });

  const TABLE: Array<[name: string, sheet: string, starts: number[], titles: string[]]> = [
    [
      'm4b-tool: INDEX 00 before INDEX 01, CRLF, a track without TITLE',
      'FILE "a.m4b" MP4\r\n  TRACK 01 AUDIO\r\n    INDEX 00 00:00:00\r\n    INDEX 01 00:00:10\r\n  TRACK 02 AUDIO\r\n    TITLE "Two"\r\n    INDEX 01 01:02:37\r\n',
      [10 / 75, 62 + 37 / 75],
      ['Track 1', 'Two'],
    ],
    [
      'foobar2000: REM lines, album TITLE before the tracks, PERFORMER per track',
      'REM GENRE Audiobook\nPERFORMER "Reader"\nTITLE "Album"\nFILE "book.flac" WAVE\n  TRACK 01 AUDIO\n    TITLE "One"\n    PERFORMER "Reader"\n    INDEX 01 00:00:00\n  TRACK 02 AUDIO\n    TITLE "Two"\n    INDEX 01 100:00:00\n',
      [0, 6000],
      ['One', 'Two'],
    ],
    [
      'an unquoted file name and title',
      'FILE book.wav WAVE\nTRACK 1 AUDIO\nTITLE One\nINDEX 1 0:05:00\n',
      [5],
      ['One'],
    ],
  ];
  for (const [name, sheet, expectedStarts, expectedTitles] of TABLE) {
    it(name, () => {
      const result = readCueSheetChapters(sheet);
      expect(starts(result)).toEqual(expectedStarts);
      expect(titles(result)).toEqual(expectedTitles);
    });
  }

  const EAC = `FILE "Night\\01.wav" WAVE
  TRACK 01 AUDIO
    TITLE "Opening"
    INDEX 01 00:00:00
FILE "Night\\02.wav" WAVE
  TRACK 02 AUDIO
    TITLE "Lighthouse"
    INDEX 01 00:00:00
  TRACK 03 AUDIO
    TITLE "Keeper"
    INDEX 00 03:40:63
FILE "Night\\03.wav" WAVE
    INDEX 01 00:00:00
  TRACK 04 AUDIO
    TITLE "Fog"
    INDEX 01 02:10:00
`;

  it('several FILEs (EAC, gaps appended to the previous track): placed one after another by the files\u2019 lengths', () => {
    const lengths: Record<string, number> = {
      'Night\\01.wav': 200,
      'Night\\02.wav': 230.5,
      'Night\\03.wav': 400,
    };
    const result = readCueSheetChapters(EAC, { fileDuration: (f) => lengths[f] });
    expect(result.chapters).toEqual([
      { start: 0, title: 'Opening' },
      { start: 200, title: 'Lighthouse' },
      { start: 430.5, title: 'Keeper' },
      { start: 560.5, title: 'Fog' },
    ]);
  });

  it('several FILEs without their lengths: refused in one line naming the files, never stacked at 0 s', () => {
    expect(() => readCueSheetChapters(EAC)).toThrow(
      /names 3 files \("Night\\01\.wav", "Night\\02\.wav", "Night\\03\.wav"\).*start of its own file/,
    );
    expect(() =>
      readCueSheetChapters(EAC, { fileDuration: (f) => (f === 'Night\\01.wav' ? 10 : undefined) }),
    ).toThrow(/missing: "Night\\02\.wav"/);
  });

  it('imports out-of-range fields with a warning, refuses what is not a CUE INDEX', () => {
    const result = readCueSheetChapters('TRACK 01 AUDIO\nINDEX 01 1:99:00\n');
    expect(starts(result)).toEqual([60 + 99]);
    expect(result.warnings.join()).toMatch(/line 2: .*seconds over 59/);
    expect(() => readCueSheetChapters('TRACK 01 AUDIO\nINDEX 01 1:30\n')).toThrow(/line 2: not a CUE INDEX/);
    expect(() => readCueSheetChapters('INDEX 01 00:00:00\n')).toThrow(/line 1: INDEX before any TRACK/);
    expect(() => readCueSheetChapters('FILE "a.wav" WAVE\n')).toThrow(/no chapters in this cue sheet/);
  });
});

describe('ffmetadata', () => {
  it('reads back what our writer wrote', () => {
    expect(readFfmetadataChapters(ffmetadata(MARKS, { title: 'Book' })).chapters).toEqual(MARKS);
  });

  const TABLE: Array<
    [name: string, text: string, expected: Array<{ start: number; end?: number; title: string }>]
  > = [
    [
      'a 1/44100 timebase',
      ';FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/44100\nSTART=88200\nEND=90000\ntitle=x\n',
      [{ start: 2, end: 90000 / 44100, title: 'x' }],
    ],
    [
      // ffmpeg-formats, Metadata: "If the timebase is missing then start/end times are assumed to be in nanoseconds."
      'no TIMEBASE: nanoseconds, as ffmpeg reads it',
      ';FFMETADATA1\n[CHAPTER]\nSTART=1500000000\ntitle=x\n',
      [{ start: 1.5, title: 'x' }],
    ],
    [
      'an escaped line break continues the value',
      ';FFMETADATA1\n[CHAPTER]\nSTART=0\ntitle=Middle\\\nTest\n',
      [{ start: 0, title: 'Middle\nTest' }],
    ],
    [
      'escaped = ; # \\',
      ';FFMETADATA1\n[CHAPTER]\nSTART=0\ntitle=a\\=b\\;c\\#d\\\\\n',
      [{ start: 0, title: 'a=b;c#d\\' }],
    ],
    [
      'global tags, comments and [STREAM] sections are skipped',
      ';FFMETADATA1\nmajor_brand=M4A \n; comment\n[STREAM]\ntitle=s\n[CHAPTER]\nSTART=0\ntitle=c\n',
      [{ start: 0, title: 'c' }],
    ],
  ];
  for (const [name, text, expected] of TABLE) {
    it(name, () => expect(readFfmetadataChapters(text).chapters).toEqual(expected));
  }

  it('names the bad line', () => {
    expect(() => readFfmetadataChapters('title=x\n')).toThrow(/line 1: not an ffmetadata file/);
    expect(() => readFfmetadataChapters(';FFMETADATA1\n[CHAPTER]\nTIMEBASE=0/0\n')).toThrow(
      /line 3: TIMEBASE/,
    );
    expect(() => readFfmetadataChapters(';FFMETADATA1\n[CHAPTER]\ntitle=no start\n')).toThrow(
      /line 2: \[CHAPTER\] without START/,
    );
    expect(() => readFfmetadataChapters(';FFMETADATA1\n[CHAPTER]\nSTART=1.5\n')).toThrow(
      /line 3: START must be a whole number/,
    );
  });

  it('warns when a chapter has no TIMEBASE (read in nanoseconds, as ffmpeg does)', () => {
    const result = readFfmetadataChapters(';FFMETADATA1\n[CHAPTER]\nSTART=1500\ntitle=x\n');
    expect(result.chapters).toEqual([{ start: 0.0000015, title: 'x' }]);
    expect(result.warnings).toEqual([
      'line 2: [CHAPTER] without TIMEBASE: START and END read as ffmpeg reads them, in nanoseconds (1/1000000000)',
    ]);
  });

  it('a chapter at the same start as another is left out with a warning; an END before START is dropped', () => {
    const result = readFfmetadataChapters(
      ';FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=1000\nEND=500\ntitle=a\n[CHAPTER]\nTIMEBASE=1/10000000\nSTART=10000000\ntitle=b\n',
    );
    expect(result.chapters).toEqual([{ start: 1, title: 'a' }]);
    expect(result.warnings).toHaveLength(2);
  });
});

describe('Audacity labels', () => {
  const TABLE: Array<
    [name: string, text: string, expected: Array<{ start: number; end?: number; title: string }>]
  > = [
    [
      'region labels',
      '1.5\t3.25\tOne\n4\t4\tTwo\n',
      [
        { start: 1.5, end: 3.25, title: 'One' },
        { start: 4, title: 'Two' },
      ],
    ],
    [
      'a comma-decimal locale',
      '43352,824046\t43525,837661\tmusic\n',
      [{ start: 43352.824046, end: 43525.837661, title: 'music' }],
    ],
    [
      'the 1.x point label form "start<TAB>label"',
      '12.5\tOne\n20\tTwo words\n',
      [
        { start: 12.5, title: 'One' },
        { start: 20, title: 'Two words' },
      ],
    ],
    [
      'spectral lines skipped, tabs in the label kept',
      '1\t2\ta\tb\n\\\t100.0\t2000.0\n',
      [{ start: 1, end: 2, title: 'a\tb' }],
    ],
    ['no label text', '3\t4\n', [{ start: 3, end: 4, title: 'Chapter 1' }]],
    [
      'an empty label',
      '1\t2\tOne\n3\t4\t\n',
      [
        { start: 1, end: 2, title: 'One' },
        { start: 3, end: 4, title: 'Chapter 2' },
      ],
    ],
    [
      'a last line cut short',
      '1\t2\tOne\n3',
      [
        { start: 1, end: 2, title: 'One' },
        { start: 3, title: 'Chapter 2' },
      ],
    ],
    ['times typed with spaces', '1.5 2.5 One two\n', [{ start: 1.5, end: 2.5, title: 'One two' }]],
  ];
  for (const [name, text, expected] of TABLE) {
    it(name, () => expect(readAudacityChapters(text).chapters).toEqual(expected));
  }

  it('warns about a label without text', () => {
    expect(readAudacityChapters('1\t2\tOne\n3\t4\t\n').warnings).toEqual([
      'label 2 (at 3 s) has no text: titled "Chapter 2"',
    ]);
  });

  it('warns about an end before its start and a negative time, refuses a line that is no label', () => {
    const result = readAudacityChapters('5\t1\tbackwards\n-2\t3\tearly\n');
    expect(result.chapters).toEqual([
      { start: 0, end: 3, title: 'early' },
      { start: 5, title: 'backwards' },
    ]);
    expect(result.warnings.join('\n')).toMatch(
      /line 1: end 1 s is before start 5 s[\s\S]*line 2: start -2 s/,
    );
    expect(() => readAudacityChapters('0\t1\tok\nten\t11\tbad\n')).toThrow(/line 2 is not an Audacity label/);
  });
});

describe('WebVTT chapters and Podcasting 2.0 JSON', () => {
  it('WebVTT: identifiers, hours optional, NOTE blocks, tags and character references', () => {
    const vtt =
      'WEBVTT\n\nNOTE made by hand\n\n1\n00:00.000 --> 01:00.000\nOne &amp; <b>only</b>\n\nchapter-2\n01:00:00.500 --> 01:00:10.000 align:start\nTwo &lt;-- &#x263A;\n';
    expect(readWebvttChapters(vtt).chapters).toEqual([
      { start: 0, end: 60, title: 'One & only' },
      { start: 3600.5, end: 3610, title: 'Two <-- ☺' },
    ]);
    expect(() => readWebvttChapters('WEBVTT\n\nOne\nTwo\n')).toThrow(
      /line 3: a WebVTT cue without a timing line/,
    );
    expect(() => readWebvttChapters('00:00.000 --> 00:01.000\n')).toThrow(/line 1: not a WebVTT file/);
  });

  it('WebVTT: header lines before the first blank line (YouTube\'s "Kind:" and "Language:") are no cue', () => {
    for (const header of [
      'Kind: chapters\nLanguage: en',
      'Kind: chapters',
      'X-TIMESTAMP-MAP=LOCAL:00:00:00.000,MPEGTS:0',
    ]) {
      expect(readWebvttChapters(`WEBVTT\n${header}\n\n00:00.000 --> 00:05.000\nIntro\n`).chapters).toEqual([
        { start: 0, end: 5, title: 'Intro' },
      ]);
    }
  });

  it('Podcasting 2.0: toc:false markers left out, missing titles named, bad times refused', () => {
    const json = JSON.stringify({
      version: '1.2.0',
      chapters: [
        { startTime: 0, title: 'Intro' },
        { startTime: 30, toc: false, img: 'x.jpg' },
        { startTime: 60.5, endTime: 90 },
      ],
    });
    const result = readPodcastChapters(json);
    expect(result.chapters).toEqual([
      { start: 0, title: 'Intro' },
      { start: 60.5, end: 90, title: 'Chapter 2' },
    ]);
    expect(result.warnings).toHaveLength(2);
    expect(() => readPodcastChapters('{"chapters":[{"title":"x"}]}')).toThrow(/chapters\[0\]: "startTime"/);
    expect(() => readPodcastChapters('{"version":"1.2.0"}')).toThrow(/no "chapters" list/);
  });

  it('Vorbis CHAPTERxxx comments', () => {
    const result = readVorbisChapterComments([
      ['CHAPTER002', '00:01:00.250'],
      ['chapter002name', 'Two'],
      ['CHAPTER001', '00:00:00.000'],
      ['CHAPTER001NAME', 'One'],
      ['TITLE', 'Book'],
    ]);
    expect(result?.chapters).toEqual([
      { start: 0, title: 'One' },
      { start: 60.25, title: 'Two' },
    ]);
    expect(readVorbisChapterComments([['TITLE', 'Book']])).toBeUndefined();
  });
});

describe('telling the formats apart', () => {
  const TABLE: Array<[string, string, string | undefined]> = [
    [';FFMETADATA1\n', 'x.txt', 'ffmetadata'],
    ['WEBVTT\n\n00:00.000 --> 00:01.000\nx\n', 'x.vtt', 'webvtt'],
    ['{"chapters":[]}', 'x.json', 'podcast-json'],
    ['FILE "a.wav" WAVE\n  TRACK 01 AUDIO\n', 'x.txt', 'cue'],
    ['REM only\n', 'x.cue', 'cue'],
    ['1,5\t2,5\tx\n', 'labels.txt', 'audacity'],
    ['Chapter one\n', 'x.txt', undefined],
  ];
  for (const [text, name, format] of TABLE) {
    it(`${JSON.stringify(text.slice(0, 20))} → ${format}`, () =>
      expect(chapterFileFormat(text, name)).toBe(format));
  }

  it('refuses text that is no chapter file in one line', () => {
    expect(() => readChapterFile('Chapter one\n')).toThrow(/not a chapter file Cuewright reads/);
  });

  it('turns any text into chapters or a clear error, never anything else', async () => {
    const pieces = [
      'TRACK 01 AUDIO',
      'INDEX 01 00:01:02',
      'TITLE "x"',
      'FILE "a.wav" WAVE',
      ';FFMETADATA1',
      '[CHAPTER]',
      'START=5',
      'END=2',
      'TIMEBASE=1/1000',
      'title=a\\=b',
      'WEBVTT',
      '00:01.000 --> 00:02.000',
      '1,5\t2\tx',
      '{"chapters":[{"startTime":1}]}',
      '\t',
      '\n',
      '\r\n',
      '"',
      '=',
      '\\',
    ];
    const soup = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join(''));
    const guard = new HangGuard(new URL('../../cues/sidecars/imports/read-chapter-file.ts', import.meta.url));
    await fc.assert(
      fc.asyncProperty(fc.oneof(soup, fc.string({ unit: 'binary', maxLength: 300 })), async (text) => {
        const label = `readChapterFile on ${text.length} characters`;
        const outcome = await guard.call<{ chapters: Array<{ start: number; end?: number }> }>(
          label,
          'readChapterFile',
          text,
        );
        if (outcome.error) {
          expect(isRefusal(outcome), `${label}: ${outcome.error.message}`).toBe(true);
          return;
        }
        for (const c of outcome.value.chapters) {
          expect(Number.isFinite(c.start) && c.start >= 0).toBe(true);
          if (c.end !== undefined) expect(c.end).toBeGreaterThan(c.start);
        }
        const s = starts(outcome.value);
        expect(s).toEqual([...s].sort((x, y) => x - y));
      }),
      { numRuns: 2000 },
    );
  });
});
