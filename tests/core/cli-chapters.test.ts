import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { runCli } from '../support/run-cli.ts';
import { ffmpeg, sine, tempDir, writeWav } from '../support/signals.ts';

// `cuewright chapters FILE [--audio AUDIO]... [--json]`: what a producer sees when they bring in
// another tool's chapters, including the chapters inside every audio format Cuewright exports.

interface Printed {
  chapters: Array<{ start: number; end?: number; title: string }>;
  warnings: string[];
}

function chaptersJson(...args: string[]): Printed {
  const result = runCli(['chapters', ...args, '--json']);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Printed;
}

const CASES = `${import.meta.dirname}/../../../shared/cases/chapters`;
const EAC_SHEET = `REM COMMENT "ExactAudioCopy v1.8"
TITLE "Night Tales"
FILE "Night Tales\\Track 01.wav" WAVE
  TRACK 01 AUDIO
    TITLE "Opening"
    INDEX 01 00:00:00
FILE "Night Tales\\Track 02.wav" WAVE
  TRACK 02 AUDIO
    TITLE "The Lighthouse"
    INDEX 01 00:00:00
  TRACK 03 AUDIO
    TITLE "The Keeper"
    INDEX 00 00:03:00
FILE "Night Tales\\Track 03.wav" WAVE
    INDEX 01 00:00:00
  TRACK 04 AUDIO
    TITLE "Fog"
    INDEX 01 00:01:00
`;

describe('cuewright chapters: chapter files', () => {
  it('Audacity labels written in a comma-decimal locale', () => {
    const dir = tempDir('chapters-cli');
    const path = join(dir, 'labels.txt');
    writeFileSync(path, '43352,824046\t43525,837661\tmusic\n43600,5\t43612,25\tspeech\n');
    expect(chaptersJson(path)).toEqual({
      chapters: [
        { start: 43352.824046, end: 43525.837661, title: 'music' },
        { start: 43600.5, end: 43612.25, title: 'speech' },
      ],
      warnings: [],
    });
  });

  it('ffmetadata as ffmpeg writes it, in UTF-16 with a BOM (decoded like scripts)', () => {
    const dir = tempDir('chapters-cli');
    const path = join(dir, 'book.ffmeta');
    const text = ';FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=40001\ntitle=Middle\\\nTest\n';
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(chaptersJson(path).chapters).toEqual([{ start: 0, end: 40.001, title: 'Middle\nTest' }]);
  });

  it('an EAC sheet of several files: refused in one line without the files, placed by their lengths with them', () => {
    const dir = tempDir('chapters-cli');
    const sheet = join(dir, 'night.cue');
    writeFileSync(sheet, EAC_SHEET);
    const refused = runCli(['chapters', sheet]);
    expect(refused.status).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(
      /night\.cue: this cue sheet names 3 files .*give the audio files beside the sheet/,
    );

    // The files beside the sheet, in the folder the sheet's Windows path names.
    mkdirSync(join(dir, 'Night Tales'));
    const lengths = [4, 5, 6];
    for (const [i, seconds] of lengths.entries())
      writeWav(join(dir, 'Night Tales', `Track 0${i + 1}.wav`), sine(8000, 1, seconds, 440, 0.1), 8000);
    const placed = chaptersJson(sheet);
    expect(placed.chapters).toEqual([
      { start: 0, title: 'Opening' },
      { start: 4, title: 'The Lighthouse' },
      { start: 9, title: 'The Keeper' },
      { start: 10, title: 'Fog' },
    ]);
    expect(placed.warnings).toEqual(['placed 3 files one after another by their lengths']);

    // Or named on the command line, in order.
    const other = tempDir('chapters-cli');
    copyFileSync(sheet, join(other, 'night.cue'));
    const audio = lengths.map((_, i) => join(dir, 'Night Tales', `Track 0${i + 1}.wav`));
    expect(
      chaptersJson(join(other, 'night.cue'), ...audio.flatMap((a) => ['--audio', a])).chapters.map(
        (c) => c.start,
      ),
    ).toEqual([0, 4, 9, 10]);
  });

  describe('--audio for a sheet of several files', () => {
    const SHEET = `FILE "01 - Track 1.wav" WAVE
  TRACK 01 AUDIO
    TITLE "Chapter 1"
    INDEX 01 00:00:00
FILE "02 - Track 2.wav" WAVE
  TRACK 02 AUDIO
    TITLE "Chapter 2"
    INDEX 01 00:00:00
`;
    function setUp() {
      const dir = tempDir('chapters-cli');
      const sheet = join(dir, 'book.cue');
      writeFileSync(sheet, SHEET);
      const audioDir = tempDir('chapters-audio');
      const wav = (name: string, seconds: number) =>
        writeWav(join(audioDir, name), sine(8000, 1, seconds, 440, 0.1), 8000);
      return { sheet, audioDir, wav };
    }

    it('are matched to the FILE lines by name, in any order', () => {
      const { sheet, wav } = setUp();
      const second = wav('02 - Track 2.wav', 30);
      const first = wav('01 - Track 1.wav', 10);
      const read = chaptersJson(sheet, '--audio', second, '--audio', first);
      expect(read.chapters.map((c) => [c.title, c.start])).toEqual([
        ['Chapter 1', 0],
        ['Chapter 2', 10],
      ]);
      expect(read.warnings).toEqual(['placed 2 files one after another by their lengths']);
    });

    it("are taken in order with a warning when their names are not the sheet's", () => {
      const { sheet, wav } = setUp();
      const a = wav('a.wav', 10);
      const b = wav('b.wav', 30);
      const read = chaptersJson(sheet, '--audio', a, '--audio', b);
      expect(read.chapters.map((c) => c.start)).toEqual([0, 10]);
      expect(read.warnings).toEqual([
        `--audio ${a} is taken for FILE "01 - Track 1.wav" by its place: the names differ`,
        `--audio ${b} is taken for FILE "02 - Track 2.wav" by its place: the names differ`,
        'placed 2 files one after another by their lengths',
      ]);
    });

    it('a bad one is refused under its own name with what is wrong with it', () => {
      const { sheet, audioDir, wav } = setUp();
      const good = wav('a.wav', 10);
      const truncated = join(audioDir, 'cut.wav');
      writeFileSync(truncated, readFileSync(good).subarray(0, 30));
      const binary = join(audioDir, 'noise.wav');
      writeFileSync(binary, Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, ...new Array(64).fill(0)]));
      const missing = join(audioDir, 'gone.wav');
      const CASES: Array<[string, RegExp]> = [
        [missing, /no such file/],
        [truncated, /truncated/],
        [binary, /unknown audio format/],
      ];
      for (const [bad, reason] of CASES) {
        const refused = runCli(['chapters', sheet, '--audio', good, '--audio', bad]);
        expect(refused.status).toBe(2);
        expect(refused.stderr).toContain(`cuewright: ${bad}: `);
        expect(refused.stderr).toMatch(reason);
        expect(refused.stderr).not.toMatch(/missing: /);
      }
    });
  });

  it("warns about a chapter past the end of a one-file sheet's file found beside it", () => {
    const dir = tempDir('chapters-cli');
    const sheet = join(dir, 'book.cue');
    writeFileSync(
      sheet,
      'FILE "book.wav" WAVE\n  TRACK 01 AUDIO\n    TITLE "In"\n    INDEX 01 00:01:00\n  TRACK 02 AUDIO\n    TITLE "Past"\n    INDEX 01 00:30:00\n',
    );
    const audio = writeWav(join(dir, 'book.wav'), sine(8000, 1, 5, 440, 0.1), 8000);
    expect(chaptersJson(sheet).warnings).toEqual([
      `chapter "Past" starts at 30.000 s, after the end of ${audio} (5.000 s)`,
    ]);
  });

  it('warns about a chapter past the end of the recording it belongs to', () => {
    const dir = tempDir('chapters-cli');
    const labels = join(dir, 'labels.txt');
    writeFileSync(labels, '1\t2\tin\n30\t31\tpast the end\n');
    const audio = writeWav(join(dir, 'a.wav'), sine(8000, 1, 5, 440, 0.1), 8000);
    expect(chaptersJson(labels, '--audio', audio).warnings).toEqual([
      `chapter "past the end" starts at 30.000 s, after the end of ${audio} (5.000 s)`,
    ]);
  });

  it('takes the first --audio as the recording of one-file chapters and says the rest are left out', () => {
    const dir = tempDir('chapters-cli');
    const labels = join(dir, 'labels.txt');
    writeFileSync(labels, '1\t2\tin\n30\t31\tpast the end\n');
    const audio = writeWav(join(dir, 'a.wav'), sine(8000, 1, 5, 440, 0.1), 8000);
    const other = writeWav(join(dir, 'b.wav'), sine(8000, 1, 60, 440, 0.1), 8000);
    // Both were dropped in silence, and with them the past-the-end check.
    expect(chaptersJson(labels, '--audio', audio, '--audio', other).warnings).toEqual([
      `chapter "past the end" starts at 30.000 s, after the end of ${audio} (5.000 s)`,
      `--audio ${other} is left out: ${labels} has the chapters of one recording`,
    ]);
  });

  it('prints a readable list without --json, and refuses what is no chapter file in one line', () => {
    const dir = tempDir('chapters-cli');
    const path = join(dir, 'book.vtt');
    writeFileSync(path, 'WEBVTT\n\n00:00.000 --> 01:00.000\nOne\n\n01:00.000 --> 02:00.000\nTwo\n');
    const result = runCli(['chapters', path]);
    expect(result.stdout).toBe(
      `${path}: 2 chapters (webvtt)\n  00:00:00.000 - 00:01:00.000  One\n  00:01:00.000 - 00:02:00.000  Two\n`,
    );
    const script = join(dir, 'script.txt');
    writeFileSync(script, 'Chapter one\n\nIt was late.\n');
    const refused = runCli(['chapters', script]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      `cuewright: ${script}: not a chapter file Cuewright reads (a CUE sheet, ffmetadata, Audacity labels, WebVTT chapters or Podcasting 2.0 JSON)\n`,
    );
  });

  it.runIf(existsSync(CASES))('the shared case files come out as the producer expects', () => {
    const labels = chaptersJson(`${CASES}/audacity-labels-comma-decimal-refused.txt`);
    expect(labels.chapters.map((c) => c.start)).toEqual([43352.824046, 43600.5]);
    const ffmeta = chaptersJson(`${CASES}/ffmetadata-ffmpeg-written-escaped-newline.ffmeta`);
    expect(ffmeta.chapters.map((c) => c.title)).toEqual(['Middle\nTest', 'End']);
    const eac = runCli(['chapters', `${CASES}/cue-multifile-eac-chapters-silently-at-zero.cue`]);
    expect(eac.status).toBe(2);
    expect(eac.stderr).toMatch(/names 3 files/);
  });
});

describe('cuewright chapters: the chapters inside every format Cuewright exports', () => {
  // Titles that broke one writer or another: quotes, "-->", = ; # \, a line break, any script.
  const TITLES = ['Opening', 'Der "Kuss" --> =;#\\', 'Ünïcödé 第二章 🎧', 'Two\nlines'];
  const script = TITLES.map((t, i) => `# ${t.replace('\n', ' ')}\n\nLine ${i + 1}.`).join('\n\n');

  for (const format of ['mp3', 'm4b', 'flac', 'opus', 'wav']) {
    it(format, () => {
      const dir = tempDir('chapters-embedded');
      const scriptPath = join(dir, 'book.fountain');
      writeFileSync(scriptPath, script);
      const parsed = parseScript(script, { format: 'fountain' });
      // Chapter titles as a producer may type them in the app: a line break included.
      const sheet = {
        ...parsed,
        chapters: parsed.chapters.map((c, i) => ({ ...c, title: TITLES[i]! })),
        cues: parsed.cues.map((c, i) => ({ ...c, start: i * 2.5, end: i * 2.5 + 2 })),
      };
      const cues = join(dir, 'book.json');
      writeFileSync(cues, JSON.stringify(sheet));
      const audio = writeWav(join(dir, 'voice.wav'), sine(44100, 1, 22, 440, 0.1), 44100);
      const out = join(dir, `book.${format}`);
      const exported = runCli(['export', scriptPath, audio, '-o', out, '--cues', cues]);
      expect(exported.status, exported.stderr).toBe(0);
      const read = chaptersJson(out);
      expect(read.chapters.map((c) => c.title.replace(/\s+/g, ' '))).toEqual(
        TITLES.map((t) => t.replace(/\s+/g, ' ')),
      );
      for (const [i, c] of read.chapters.entries()) expect(Math.abs(c.start - i * 5)).toBeLessThan(0.03);
    });
  }
});

describe('ffmetadata as ffmpeg itself writes it', () => {
  it('a title with a line break, = ; # and \\, written by `ffmpeg -f ffmetadata`, is one title', () => {
    const dir = tempDir('chapters-ffmpeg');
    const source = join(dir, 'in.ffmeta');
    writeFileSync(
      source,
      ';FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1000\ntitle=Middle\\\nTest \\= \\; \\# \\\\ end\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=1000\nEND=2000\ntitle=Два\n',
    );
    const mkv = join(dir, 'x.mkv');
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      'anullsrc=d=2',
      '-i',
      source,
      '-map',
      '0',
      '-map_metadata',
      '1',
      '-map_chapters',
      '1',
      '-c:a',
      'pcm_s16le',
      mkv,
    ]);
    const written = join(dir, 'out.ffmeta');
    ffmpeg(['-i', mkv, '-f', 'ffmetadata', written]);
    // ffmpeg writes the line break as a backslash at the end of the line.
    expect(readFileSync(written, 'utf8')).toContain('title=Middle\\\nTest');
    expect(chaptersJson(written).chapters).toEqual([
      { start: 0, end: 1, title: 'Middle\nTest = ; # \\ end' },
      { start: 1, end: 2, title: 'Два' },
    ]);
  });
});
