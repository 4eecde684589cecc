import { describe, expect, it } from 'vitest';
import { parseAudacityLabels, writeAudacityLabels } from '../../cues/sidecars/audacity-labels.ts';
import { readAudacityChapters } from '../../cues/sidecars/imports/audacity-label-chapters.ts';
import { cueSheetFiles, readCueSheetChapters } from '../../cues/sidecars/imports/cue-sheet-chapters.ts';
import { readFfmetadataChapters } from '../../cues/sidecars/imports/ffmetadata-chapters.ts';
import { finishImport } from '../../cues/sidecars/imports/imported-chapters.ts';
import { readPodcastChapters } from '../../cues/sidecars/imports/podcast-chapters.ts';
import { chapterFileFormat, readChapterFile } from '../../cues/sidecars/imports/read-chapter-file.ts';
import { readVorbisChapterComments } from '../../cues/sidecars/imports/vorbis-chapter-comments.ts';
import { readWebvttChapters } from '../../cues/sidecars/imports/webvtt-chapters.ts';

// The edges of the chapter importers: the exact warning each odd value earns, the forms each
// format's spec allows at its margins, and which format a file is taken for. Every expectation
// is worked by hand from the format's spec (CDRWIN cue sheets, ffmpeg-formats "Metadata", W3C
// WebVTT, Podcasting 2.0 chapters, Audacity's label reader).

describe('telling chapter files apart at the margins', () => {
  const TABLE: Array<[text: string, name: string, format: string | undefined]> = [
    ['\uFEFF;FFMETADATA1\n', '', 'ffmetadata'],
    ['  ;FFMETADATA1  \r\ntitle=x\n', '', 'ffmetadata'],
    ['\uFEFFWEBVTT\n', '', 'webvtt'],
    ['WEBVTT', '', 'webvtt'],
    ['WEBVTT - chapters\n', '', 'webvtt'],
    ['WEBVTTX\n', '', undefined],
    ['x WEBVTT\n', '', undefined],
    ['\n  {"chapters": []}', '', 'podcast-json'],
    ['\n[ {"startTime": 0} ]', 'c.JSON', 'podcast-json'],
    ['[{"startTime": 0}]', 'c.txt', undefined],
    ['[{"startTime": 0}]', 'c.json.txt', undefined],
    ['[  \n {"startTime": 0}]', 'c.json', 'podcast-json'],
    ['REM x\n   TRACK 07 AUDIO\n', '', 'cue'],
    ['TRACK  7 AUDIO\n', '', 'cue'],
    ['TRACK AUDIO\n', '', undefined],
    ['FILE  a.wav WAVE\n', '', 'cue'],
    ['FILE \n', '', undefined],
    ['REM only\n', 'sheet.CUE', 'cue'],
    ['REM only\n', 'sheet.cue.bak', undefined],
    ['1.5\t2.5\tOne\n\\\t200\t300\n.5\t.5\tTwo\n', '', 'audacity'],
    ['1,5 2,5 One\n', '', 'audacity'],
    ['+1e2\n', '', 'audacity'],
    ['1e+2\tx\n', '', 'audacity'],
    ['1ex\tx\n', '', undefined],
    ['1.5x\tOne\n', '', undefined],
    ['-.\tx\n', '', undefined],
    ['\n\n1.5\tOne\nnot a label\n', 'l.txt', 'audacity'],
    ['1.5\tOne\nnot a label\n', 'l.LABELS', 'audacity'],
    ['1.5\tOne\nnot a label\n', 'l.label', 'audacity'],
    ['1.5\tOne\nnot a label\n', 'l.txt.gz', undefined],
    ['1.5\tOne\nnot a label\n', '', undefined],
    ['not a label\n1.5\tOne\n', 'l.txt', undefined],
    ['\n\n', 'l.txt', undefined],
    ['', '', undefined],
  ];
  for (const [text, name, format] of TABLE) {
    it(`${JSON.stringify(text.slice(0, 24))} named ${JSON.stringify(name)} → ${format}`, () =>
      expect(chapterFileFormat(text, name)).toBe(format));
  }

  it('reads a file that starts with a byte order mark in every format', () => {
    expect(readChapterFile('\uFEFFREM x\nTRACK 01 AUDIO\n  INDEX 01 00:02:00\n').chapters).toEqual([
      { start: 2, title: 'Track 1' },
    ]);
    expect(readChapterFile('\uFEFF1.5\t1.5\tOne\n').chapters).toEqual([{ start: 1.5, title: 'One' }]);
    expect(readChapterFile('\uFEFF{"chapters":[{"startTime":3,"title":"A"}]}').chapters).toEqual([
      { start: 3, title: 'A' },
    ]);
  });
});

describe('CUE sheets at the margins', () => {
  it('names the INDEX line it cannot read and the one that comes before any TRACK', () => {
    expect(() => readCueSheetChapters('TRACK 01 AUDIO\nINDEX 01 00:00\n')).toThrow(
      'line 2: not a CUE INDEX (INDEX nn mm:ss:ff): "INDEX 01 00:00"',
    );
    expect(() => readCueSheetChapters('TRACK 01 AUDIO\n  INDEX 01 00:00:00 x\n')).toThrow(
      /line 2: not a CUE INDEX/,
    );
    expect(() => readCueSheetChapters('TRACK 01 AUDIO\nINDEX 123 00:00:00\n')).toThrow(
      /line 2: not a CUE INDEX/,
    );
    expect(() => readCueSheetChapters('REM\nINDEX 01 00:00:00\n')).toThrow('line 2: INDEX before any TRACK');
  });

  it('takes the keyword in any case and tabs between the fields', () => {
    const cue = readCueSheetChapters('track 03 audio\n\ttitle "Three"\n\tindex\t01\t01:00:00  \n');
    expect(cue.chapters).toEqual([{ start: 60, title: 'Three' }]);
    expect(cue.warnings).toEqual([]);
  });

  it('numbers a track without a number by its place, and keeps an unquoted title whole', () => {
    const cue = readCueSheetChapters(
      'TRACK 05 AUDIO\nINDEX 01 00:00:00\nTRACK AUDIO\nTITLE Part two of it\nINDEX 01 00:10:00\n',
    );
    expect(cue.chapters).toEqual([
      { start: 0, title: 'Track 5' },
      { start: 10, title: 'Part two of it' },
    ]);
    const unnumbered = readCueSheetChapters('TRACK AUDIO\nINDEX 01 00:01:00\n');
    expect(unnumbered.chapters).toEqual([{ start: 1, title: 'Track 1' }]);
  });

  it('reads an out-of-range time as written and says which part was over', () => {
    const cue = readCueSheetChapters(
      'TRACK 01 AUDIO\nINDEX 01 00:60:00\nTRACK 02 AUDIO\nINDEX 01 01:00:80\n',
    );
    expect(cue.chapters.map((c) => c.start)).toEqual([60, 60 + 80 / 75]);
    expect(cue.warnings).toEqual([
      'line 2: 00:60:00 has seconds over 59: read as 0 min + 60 s + 0/75 s',
      'line 4: 01:00:80 has frames over 74: read as 1 min + 0 s + 80/75 s',
    ]);
    expect(readCueSheetChapters('TRACK 01 AUDIO\nINDEX 01 00:59:74\n').warnings).toEqual([]);
  });

  it('places a track without INDEX 01 at its lowest INDEX, and leaves out one with none', () => {
    const cue = readCueSheetChapters(
      'TRACK 01 AUDIO\nINDEX 01 00:00:00\nTRACK 02 AUDIO\nINDEX 03 00:30:00\nINDEX 02 00:20:00\nTRACK 03 AUDIO\nTITLE "Empty"\n',
    );
    expect(cue.chapters).toEqual([
      { start: 0, title: 'Track 1' },
      { start: 20, title: 'Track 2' },
    ]);
    expect(cue.warnings).toEqual([
      'line 3: track 2 has no INDEX 01: placed at its INDEX 02',
      'line 6: track 3 has no INDEX: left out',
    ]);
  });

  const TWO_FILES =
    'FILE "One.wav" WAVE\nTRACK 01 AUDIO\nTITLE "A"\nINDEX 01 00:00:00\nFILE Two.wav WAVE\nTRACK 02 AUDIO\nTITLE "B"\nINDEX 01 00:05:00\n';

  it('places the files of a several-file sheet one after another by their lengths', () => {
    const lengths: Record<string, number> = { 'One.wav': 100, 'Two.wav': 50 };
    const cue = readCueSheetChapters(TWO_FILES, { fileDuration: (f) => lengths[f] });
    expect(cue.chapters).toEqual([
      { start: 0, title: 'A' },
      { start: 105, title: 'B' },
    ]);
    expect(cue.warnings).toEqual(['placed 2 files one after another by their lengths']);
  });

  it('warns of a track that starts past the end of its file', () => {
    const lengths: Record<string, number> = { 'One.wav': 100, 'Two.wav': 4 };
    const cue = readCueSheetChapters(TWO_FILES, { fileDuration: (f) => lengths[f] });
    expect(cue.warnings).toEqual([
      'placed 2 files one after another by their lengths',
      'track 2 starts 5.00 s into "Two.wav", which lasts 4.00 s',
    ]);
    const exact = readCueSheetChapters(TWO_FILES, {
      fileDuration: (f) => ({ 'One.wav': 100, 'Two.wav': 5 })[f],
    });
    expect(exact.warnings).toEqual(['placed 2 files one after another by their lengths']);
  });

  it('asks for the lengths it lacks, naming the missing files', () => {
    expect(() => readCueSheetChapters(TWO_FILES)).toThrow(
      'this cue sheet names 2 files ("One.wav", "Two.wav") and each track\'s time counts from the start of its own file: the chapters can only be placed one after another with the files\' lengths; give the audio files beside the sheet',
    );
    const three = `${TWO_FILES}FILE "Three.wav" WAVE\nTRACK 03 AUDIO\nINDEX 01 00:00:00\n`;
    expect(() =>
      readCueSheetChapters(three, { fileDuration: (f) => (f === 'One.wav' ? 10 : undefined) }),
    ).toThrow(/with the files' lengths; missing: "Two.wav"$/);
    expect(() =>
      readCueSheetChapters(three, { fileDuration: (f) => (f === 'Two.wav' ? 10 : undefined) }),
    ).toThrow(/with the files' lengths; missing: "One.wav"$/);
  });

  it('needs no lengths when every track is in the first file', () => {
    const sheet = 'FILE "One.wav" WAVE\nTRACK 01 AUDIO\nINDEX 01 00:07:00\nFILE "Two.wav" WAVE\n';
    const cue = readCueSheetChapters(sheet);
    expect(cue.chapters).toEqual([{ start: 7, title: 'Track 1' }]);
    expect(cue.warnings).toEqual([]);
  });

  it('lists the files a sheet names exactly as written', () => {
    expect(
      cueSheetFiles(
        'REM FILE x\nFILE "Night Tales\\Track 01.wav" WAVE\n  file  track two.mp3 MP3\nFILE "unclosed.wav\nFILE \nFILE ""x" WAVE\n',
      ),
    ).toEqual(['Night Tales\\Track 01.wav', 'track two.mp3', 'unclosed.wav', '"x']);
  });

  it('keeps quotes inside a title and reads an unclosed one to the end of its line', () => {
    const cue = readCueSheetChapters(
      'TRACK 01 AUDIO\nTITLE "Say "yes" now"\nINDEX 01 00:00:00\nTRACK 02 AUDIO\nTITLE "Open end\nINDEX 01 00:01:00\nTRACK 03 AUDIO\nTITLE Plain "quoted" end"\nINDEX 01 00:02:00\n',
    );
    expect(cue.chapters.map((c) => c.title)).toEqual(['Say "yes" now', 'Open end', 'Plain "quoted" end"']);
  });
});

describe('ffmetadata at the margins', () => {
  it('continues a value over an escaped line break, and keeps a backslash that ends the file as written', () => {
    const result = readFfmetadataChapters(
      ';FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\ntitle=Middle\\\nTest\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=500\ntitle=Last\\',
    );
    expect(result.chapters.map((c) => c.title)).toEqual(['Middle\nTest', 'Last\\']);
  });

  it('reads a value whose backslash is itself escaped as ending on its line', () => {
    const result = readFfmetadataChapters(
      ';FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\ntitle=a\\\\\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=1000\ntitle=b\\=c\\;d\n',
    );
    expect(result.chapters).toEqual([
      { start: 0, title: 'a\\' },
      { start: 1, title: 'b=c;d' },
    ]);
  });

  it('skips comments and blank lines, and reads an escaped = as part of the key', () => {
    const result = readFfmetadataChapters(
      ';FFMETADATA1\ntitle=Book\n[chapter]\n; a comment=1\n# another=2\n   \nTIMEBASE= 1/1000 \nSTART=2000\n END =3000\n Title =x\nti\\=tle=ignored\n',
    );
    expect(result.chapters).toEqual([{ start: 2, end: 3, title: 'x' }]);
    expect(result.warnings).toEqual([]);
  });

  it('names a chapter without a title by its place, and one without TIMEBASE in nanoseconds', () => {
    const result = readFfmetadataChapters(
      ';FFMETADATA1\n[CHAPTER]\nSTART=1500000000\nEND=2000000000\n[CHAPTER]\nTIMEBASE=1/10\nSTART=30\n',
    );
    expect(result.chapters).toEqual([
      { start: 1.5, end: 2, title: 'Chapter 1' },
      { start: 3, title: 'Chapter 2' },
    ]);
    expect(result.warnings).toEqual([
      'line 2: [CHAPTER] without TIMEBASE: START and END read as ffmpeg reads them, in nanoseconds (1/1000000000)',
    ]);
    expect(readFfmetadataChapters(';FFMETADATA1\n[CHAPTER]\nTIMEBASE=3/2\nSTART=4\n').chapters).toEqual([
      { start: 6, title: 'Chapter 1' },
    ]);
  });

  it('ignores tags in other sections, and refuses what it cannot read with its line', () => {
    expect(
      readFfmetadataChapters(';FFMETADATA1\n[STREAM]\nSTART=x\n[CHAPTER]\nTIMEBASE=1/1\nSTART=1\n').chapters,
    ).toEqual([{ start: 1, title: 'Chapter 1' }]);
    expect(() => readFfmetadataChapters('title=x\n;FFMETADATA1\n')).toThrow(
      'line 1: not an ffmetadata file (no ";FFMETADATA1")',
    );
    expect(() => readFfmetadataChapters(';FFMETADATA1\n[CHAPTER]\nno equals here\n')).toThrow(
      'line 3: expected key=value: "no equals here"',
    );
    expect(() => readFfmetadataChapters(';FFMETADATA1\n[CHAPTER]\n=5\nSTART=1\n')).not.toThrow();
    expect(() => readFfmetadataChapters(';FFMETADATA1\n[CHAPTER]\nkey\\=5\n')).toThrow(
      /line 3: expected key=value/,
    );
    for (const timebase of ['0/1000', '1/0', '1/1000x', 'x1/1000', '1.5/1000', '12/'])
      expect(() =>
        readFfmetadataChapters(`;FFMETADATA1\n[CHAPTER]\nTIMEBASE=${timebase}\nSTART=1\n`),
      ).toThrow(`line 3: TIMEBASE must be like 1/1000 (got ${JSON.stringify(timebase)})`);
    expect(
      readFfmetadataChapters(';FFMETADATA1\n[CHAPTER]\nTIMEBASE=10/1000\nSTART=1\n').chapters[0]!.start,
    ).toBe(0.01);
    for (const start of ['1.5', 'x', '1e3', ''])
      expect(() => readFfmetadataChapters(`;FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1\nSTART=${start}\n`)).toThrow(
        'line 4: START must be a whole number',
      );
    expect(() => readFfmetadataChapters(';FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1\n')).toThrow(
      'line 2: [CHAPTER] without START',
    );
    expect(() => readFfmetadataChapters(';FFMETADATA1\n')).toThrow('no chapters in this ffmetadata file');
  });
});

describe('WebVTT chapters at the margins', () => {
  it('reads hours, comma decimals, settings, identifiers and every character reference', () => {
    const result = readWebvttChapters(
      '\uFEFFWEBVTT\tchapters\nKind: chapters\n\nNOTE a note\nwith two lines\n\nSTYLE\n::cue { color: red }\n\nintro\n1:00:00.500 --> 1:00:10,000 align:start\n<b>A</b> &amp; &lt;B&gt;&nbsp;&#65;&#x42;&#X43;&lrm;&rlm;&unknown;\n\n00:10:00.000  -->  00:09:00.000\nTwo\nlines\n',
    );
    expect(result.chapters).toEqual([
      { start: 600, title: 'Two\nlines' },
      { start: 3600.5, end: 3610, title: 'A & <B>\u00a0ABC\u200e\u200f&unknown;' },
    ]);
    expect(result.warnings).toEqual(['chapters were out of time order: sorted by start']);
  });

  it('keeps no end that equals the start', () => {
    expect(readWebvttChapters('WEBVTT\n\n00:05.000 --> 00:05.000\nPoint\n').chapters).toEqual([
      { start: 5, title: 'Point' },
    ]);
  });

  it('refuses a missing header, a cue without timing and a timing it cannot read, by line', () => {
    expect(() => readWebvttChapters('WEBVTTx\n\n00:00.000 --> 00:01.000\nA\n')).toThrow(
      'line 1: not a WebVTT file (no "WEBVTT")',
    );
    expect(() =>
      readWebvttChapters('WEBVTT\n\n00:00.000 --> 00:01.000\nA\n\n\nid\nmore\n00:02.000 --> 00:03.000\nB\n'),
    ).toThrow('line 7: a WebVTT cue without a timing line ("00:00.000 --> 00:10.000")');
    expect(() => readWebvttChapters('WEBVTT\n\n0:0:0:00.000 --> 00:01.000\nA\n')).toThrow(
      'line 3: not a WebVTT timing line: "0:0:0:00.000 --> 00:01.000"',
    );
    expect(() => readWebvttChapters('WEBVTT\n\n00:00.000-->00:01.000\nA\n')).toThrow(
      /line 3: not a WebVTT timing line/,
    );
    expect(() => readWebvttChapters('WEBVTT\n\n00:00.0000 --> 00:01.000\nA\n')).toThrow(
      /line 3: not a WebVTT timing line/,
    );
    expect(() => readWebvttChapters('WEBVTT\n\n00:00.000 --> 00:01.000x\nA\n')).toThrow(
      /line 3: not a WebVTT timing line/,
    );
    expect(() => readWebvttChapters('WEBVTT\n')).toThrow('no chapters in this WebVTT file');
  });

  it('reads a header line with no blank line before the first cue', () => {
    expect(readWebvttChapters('WEBVTT\n00:01.000 --> 00:02.000\nA\n').chapters).toEqual([
      { start: 1, end: 2, title: 'A' },
    ]);
  });
});

describe('Podcasting 2.0 chapters at the margins', () => {
  it('leaves out a toc:false marker and names an untitled chapter by its place, saying so', () => {
    const result = readPodcastChapters(
      JSON.stringify({
        version: '1.2.0',
        chapters: [
          { startTime: 0, title: 'A', endTime: 10 },
          { startTime: 5, toc: false, title: 'Artwork' },
          { startTime: '12.5' },
          { startTime: 20, title: 'C', endTime: 'x', toc: true },
        ],
      }),
    );
    expect(result.chapters).toEqual([
      { start: 0, end: 10, title: 'A' },
      { start: 12.5, title: 'Chapter 2' },
      { start: 20, title: 'C' },
    ]);
    expect(result.warnings).toEqual([
      'chapters[1] is marked "toc": false (not a listed chapter): left out',
      'chapters[2] has no title: named "Chapter 2"',
    ]);
  });

  it('refuses what is not chapters JSON in one line', () => {
    expect(() => readPodcastChapters('{"chapters": [')).toThrow(/^not valid JSON \(.+\)$/);
    expect(() => readPodcastChapters('null')).toThrow('not Podcasting 2.0 chapters: no "chapters" list');
    expect(() => readPodcastChapters('{"chapters":[{"startTime":"x"}]}')).toThrow(
      'chapters[0]: "startTime" must be a number of seconds',
    );
    expect(() => readPodcastChapters('{"chapters":[]}')).toThrow('no chapters in this chapters JSON');
  });
});

describe('Vorbis chapter comments at the margins', () => {
  it('reads comma decimals and hours, names an unnamed chapter by its number, skips a bad time', () => {
    const result = readVorbisChapterComments([
      ['chapter010', ' 1:02:03,5 '],
      ['CHAPTER002', 'soon'],
      ['CHAPTER003', '00:00:01.000 extra'],
      ['XCHAPTER004', '00:00:02.000'],
      ['CHAPTER005NAMES', 'x'],
    ]);
    expect(result?.chapters).toEqual([{ start: 3723.5, title: 'Chapter 10' }]);
    expect(result?.warnings).toEqual([
      'CHAPTER002="soon" is not a time (HH:MM:SS.mmm): left out',
      'CHAPTER003="00:00:01.000 extra" is not a time (HH:MM:SS.mmm): left out',
    ]);
    expect(readVorbisChapterComments([['CHAPTER1', '0:00:5']])?.chapters).toEqual([
      { start: 5, title: 'Chapter 1' },
    ]);
    expect(() => readVorbisChapterComments([['CHAPTER1', 'x']])).toThrow('no chapters in this file');
  });
});

describe('finishing an import', () => {
  it('sorts, clamps, drops and leaves out with one warning each', () => {
    const result = finishImport(
      [
        { start: 10, end: 5, title: 'Backwards' },
        { start: -2, end: 1, title: 'Early' },
        { start: 10.0004, title: 'Twin' },
        { start: 10.001, end: 10.001, title: 'Close' },
      ],
      [],
      'test',
    );
    expect(result.chapters).toEqual([
      { start: 0, end: 1, title: 'Early' },
      { start: 10, title: 'Backwards' },
      { start: 10.001, end: 10.001, title: 'Close' },
    ]);
    expect(result.warnings).toEqual([
      'chapters were out of time order: sorted by start',
      'chapter "Early" started at -2 s: moved to 0',
      'chapter "Backwards" ends (5 s) before it starts (10 s): end dropped',
      'chapter "Twin" starts where "Backwards" does (10.000 s): left out',
    ]);
  });

  it('keeps equal starts in their file order and says nothing of chapters already in order', () => {
    const result = finishImport(
      [
        { start: 0, title: 'A' },
        { start: 0, title: 'B' },
        { start: 1, title: 'C' },
      ],
      [],
      'test',
    );
    expect(result.chapters.map((c) => c.title)).toEqual(['A', 'C']);
    expect(result.warnings).toEqual(['chapter "B" starts where "A" does (0.000 s): left out']);
    expect(() => finishImport([], [], 'thing')).toThrow('no chapters in this thing');
  });
});

describe('Audacity labels at the margins', () => {
  it('reads every form Audacity reads back, with a warning for each odd time', () => {
    const { labels, warnings } = parseAudacityLabels(
      [
        '1,5\t2,5\tComma',
        '  3 4 Spaced out text ',
        '5\tPoint label\twith tab',
        '6 Point text',
        '7',
        '\\\t100\t200',
        '-1\t2\tEarly',
        '-3\t-2\tVery early',
        '9\t8\tBackwards',
        '.5e1\t1E1\t',
        '',
      ].join('\n'),
    );
    expect(labels).toEqual([
      { start: 1.5, end: 2.5, text: 'Comma' },
      { start: 3, end: 4, text: 'Spaced out text' },
      { start: 5, end: 5, text: 'Point label\twith tab' },
      { start: 6, end: 6, text: 'Point text' },
      { start: 7, end: 7, text: '' },
      { start: 0, end: 2, text: 'Early' },
      { start: 0, end: 0, text: 'Very early' },
      { start: 9, end: 9, text: 'Backwards' },
      { start: 5, end: 10, text: '' },
    ]);
    expect(warnings).toEqual([
      'line 7: start -1 s is before the audio: read as 0',
      'line 8: start -3 s is before the audio: read as 0',
      'line 9: end 8 s is before start 9 s: read as a point label',
    ]);
  });

  it('refuses a line whose start is not a number, naming it', () => {
    for (const start of ['x', '1.5s', '1e', 'e5', '--1', '1,5,5'])
      expect(() => parseAudacityLabels(`${start}\t2\tA`)).toThrow(
        `line 1 is not an Audacity label ("start<TAB>end<TAB>text"): ${JSON.stringify(`${start}\t2\tA`)}`,
      );
  });

  it('writes one label a line, its text on one line', () => {
    expect(writeAudacityLabels([{ start: 1, end: 2.5, text: '  Two\n lines\there ' }])).toBe(
      '1.000000\t2.500000\tTwo lines here\n',
    );
  });

  it('titles an empty label by its place as a chapter, saying so', () => {
    const result = readAudacityChapters('1\t1\t  \n2\t3\tTwo\n');
    expect(result.chapters).toEqual([
      { start: 1, title: 'Chapter 1' },
      { start: 2, end: 3, title: 'Two' },
    ]);
    expect(result.warnings).toEqual(['label 1 (at 1 s) has no text: titled "Chapter 1"']);
    expect(() => readAudacityChapters('\n')).toThrow('no chapters in this Audacity label file');
  });
});

describe('Audacity label numbers and fields at the margins', () => {
  it('reads every number form its reader takes: a leading point or comma, exponents of any sign and length', () => {
    const text = '.5\t,75\tOne\n1500e-03\t2.5E+0\tTwo\n3e0\t35E-1\tThree\n+4\t4,5e0\tFour\n';
    expect(parseAudacityLabels(text)).toEqual({
      labels: [
        { start: 0.5, end: 0.75, text: 'One' },
        { start: 1.5, end: 2.5, text: 'Two' },
        { start: 3, end: 3.5, text: 'Three' },
        { start: 4, end: 4.5, text: 'Four' },
      ],
      warnings: [],
    });
  });

  it('refuses a time JavaScript would read but Audacity would not (hexadecimal), naming the line', () => {
    for (const time of ['0x11', '0b11', '1_000'])
      expect(() => parseAudacityLabels(`${time}\t20\tHex\n`)).toThrow(
        `line 1 is not an Audacity label ("start<TAB>end<TAB>text"): "${time}\\t20\\tHex"`,
      );
  });

  it('quotes at most 60 characters of a line it cannot read', () => {
    const line = `start${'x'.repeat(80)}`;
    expect(() => parseAudacityLabels(line)).toThrow(
      `line 1 is not an Audacity label ("start<TAB>end<TAB>text"): "${line.slice(0, 60)}"`,
    );
  });

  it('trims spaces around tabbed fields and skips lines of spaces', () => {
    expect(parseAudacityLabels(' 1.5 \t 2.5 \t Padded \n   \n3\t4\tNext\n').labels).toEqual([
      { start: 1.5, end: 2.5, text: 'Padded' },
      { start: 3, end: 4, text: 'Next' },
    ]);
  });

  it('reads hand-typed labels with runs of spaces, a point label keeping its text as typed', () => {
    expect(parseAudacityLabels('1  2  Two spaces\n  3.5 Intro   music\n').labels).toEqual([
      { start: 1, end: 2, text: 'Two spaces' },
      { start: 3.5, end: 3.5, text: 'Intro   music' },
    ]);
  });
});

describe('telling Audacity labels apart by their numbers', () => {
  it('takes as labels every number form Audacity writes or reads', () => {
    const labels = [
      '-0.5\t1\tPre-roll\n',
      '12\t15\tWhole seconds\n',
      '.5\t.75\tA\n,25\t,5\tB\n',
      '1500e-03\t2\tExponent\n3e0\t4E+1\tC\n',
      '12.5\n',
      '1.5  2.5  Two spaces\n',
      '5 7 Intro\n',
      '1.5 Intro\n',
      '1.5\tOne\n   \n2.5\tTwo\n',
      '  1.5\tOne\n',
    ];
    for (const text of labels) expect(chapterFileFormat(text), text).toBe('audacity');
    expect(chapterFileFormat('  1.5\tOne\nnot a label\n', 'l.txt')).toBe('audacity');
  });

  it('takes no prose for labels, though a number stands inside it', () => {
    for (const text of ['Chapter 1 begins\n', 'x1.5\tOne\n', '1.5e\tOne\n', '0x11\t2\tHex\n'])
      expect(chapterFileFormat(text), text).toBeUndefined();
  });

  it('drops only a byte order mark that opens the file, keeping one inside a title', () => {
    expect(readChapterFile('\uFEFF1\t1\tA\uFEFFB\n').chapters).toEqual([{ start: 1, title: 'A\uFEFFB' }]);
  });
});
