import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scriptParts } from '../../audio/align/acoustic/script-words.ts';
import { planScratch } from '../../audio/scratch/scratch-plan.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { mergeWithNext, splitCue } from '../../cues/edit/split-merge.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { lrcLyrics, srtCaptions, webvttCaptions } from '../../cues/sidecars/captions.ts';
import { chapterMarks } from '../../cues/sidecars/chapter-marks.ts';
import { spokenText } from '../../cues/spoken-text.ts';
import { runCli } from '../support/run-cli.ts';
import { ffmpegInstalled, sine, tempDir, writeWav } from '../support/signals.ts';

// Text that is not spoken is never spoken, captioned or tagged: Fountain emphasis, [[notes]],
// the ~ lyric mark, radio directions like (BEAT). Every place that makes audio, captions, tags
// or chapter names takes the cue's spoken text; the exact source text stays for offsets.

const FOUNTAIN = `Title: **THE NIGHT FERRY**
Author: A. Writer

# **ACT** _ONE_

INT. FERRY DECK - NIGHT #1#

MAREN
This is *not* the boat I _booked_. [[Should she whisper?]] Who is this?

OPERATOR
~Happy *birthday* to you,
~happy birthday to you.

= The ferry sinks.

# ACT TWO

CUT TO:

MAREN
(BEAT)
Gone.
`;

const DRAMA = `THE KEEPER'S LAMP

SCENE 1: INT. LIGHTHOUSE. NIGHT

SFX: Heavy door creaks open.

EDITH: (BEAT) Did you see the boat?

TOM: (V.O.) I saw it. (OFF) I wish I hadn't.

MUSIC: Low strings, under.
`;

/** Markup and directions that must never reach anything a listener hears or reads. */
const LEAKS =
  /\*|(?<![\w/])_|_(?!\w)|\[\[|\]\]|~|\(BEAT\)|\(V\.O\.\)|\(OFF\)|#1#|SFX:|MUSIC:|Should she whisper|ferry sinks|CUT TO/;

function timed(sheet: CueSheet): CueSheet {
  return { ...sheet, cues: sheet.cues.map((c, i) => ({ ...c, start: i * 2, end: i * 2 + 1.5 })) };
}

describe('spoken text everywhere text is heard or shown', () => {
  const fountain = timed(parseScript(FOUNTAIN, { fileName: 'ferry.fountain' }));
  const drama = timed(parseScript(DRAMA));

  it('keeps the exact source text beside the spoken text', () => {
    const line = fountain.cues.find((c) => c.speaker === 'Maren')!;
    expect(line.text).toBe('This is *not* the boat I _booked_. [[Should she whisper?]] Who is this?');
    expect(FOUNTAIN.slice(line.source.start, line.source.end)).toBe(line.text);
    expect(spokenText(line)).toBe('This is not the boat I booked. Who is this?');
  });

  it('titles the sheet and names chapters without markup', () => {
    expect(fountain.title).toBe('THE NIGHT FERRY');
    expect(fountain.chapters.map((c) => c.title)).toEqual(['ACT ONE', 'ACT TWO']);
    const marks = chapterMarks(fountain, { duration: 60, lyricsAsChapters: true });
    expect(marks.map((m) => m.title)).toEqual([
      'ACT ONE',
      '♪ Happy birthday to you,',
      'ACT ONE (continued)',
      'ACT TWO',
    ]);
  });

  for (const [name, sheet] of [
    ['Fountain', fountain],
    ['radio drama', drama],
  ] as const) {
    it(`${name}: captions (SRT, WebVTT) and LRC carry only what is said`, () => {
      for (const text of [srtCaptions(sheet), webvttCaptions(sheet), lrcLyrics(sheet)]) {
        expect(text).not.toMatch(LEAKS);
      }
    });

    it(`${name}: the scratch reading and the aligner's words say only what is said`, () => {
      const said = planScratch(sheet).map((u) => u.text);
      for (const text of said) expect(text).not.toMatch(LEAKS);
      const words = scriptParts(sheet).flatMap((p) => p.words);
      expect(words).not.toContain('whisper');
      expect(words).not.toContain('beat');
      expect(words).not.toContain('sfx');
    });
  }

  it('drops the directions from radio speeches and never voices sound or music cues', () => {
    expect(drama.cues.map((c) => [c.kind, spokenText(c)])).toEqual([
      ['title', "THE KEEPER'S LAMP"],
      ['heading', 'SCENE 1: INT. LIGHTHOUSE. NIGHT'],
      ['sfx', ''],
      ['dialogue', 'Did you see the boat?'],
      ['dialogue', "I saw it. I wish I hadn't."],
      ['music', ''],
    ]);
    expect(srtCaptions(drama)).toContain("Tom: I saw it. I wish I hadn't.");
    expect(planScratch(drama).map((u) => u.text)).toEqual([
      "THE KEEPER'S LAMP",
      'SCENE 1: INT. LIGHTHOUSE. NIGHT',
      'Did you see the boat?',
      "I saw it. I wish I hadn't.",
    ]);
  });

  it('split and merge keep the spoken text in step with the source', () => {
    const script = 'MAREN\nThis is *not* the boat I _booked_ at all, not this one.';
    const sheet = timed(parseScript(script, { fileName: 'x.fountain' }));
    const id = sheet.cues[0]!.id;
    const split = splitCue(sheet, id, 0.9);
    expect(split.cues.map((c) => spokenText(c)).join(' ')).toBe(
      'This is not the boat I booked at all, not this one.',
    );
    const merged = mergeWithNext(split, script, split.cues[0]!.id);
    expect(spokenText(merged.cues[0]!)).toBe('This is not the boat I booked at all, not this one.');
  });
});

describe.runIf(ffmpegInstalled)('a real export: tags, chapters and sidecars', () => {
  it('MP3, M4B, FLAC and Opus titles, chapter names and every sidecar are free of markup', () => {
    const dir = tempDir('spoken-export');
    const script = join(dir, 'ferry.fountain');
    writeFileSync(script, FOUNTAIN);
    const cues = join(dir, 'ferry.json');
    writeFileSync(cues, JSON.stringify(timed(parseScript(FOUNTAIN, { fileName: script }))));
    const audio = writeWav(join(dir, 'voice.wav'), sine(44100, 1, 20, 440, 0.1), 44100);
    for (const format of ['mp3', 'm4b', 'flac', 'opus']) {
      const out = join(dir, `ferry-${format}.${format}`);
      const result = runCli(['export', script, audio, '-o', out, '--cues', cues, '--sidecars']);
      expect(result.status, result.stderr).toBe(0);
      const probe = spawnSync(
        'ffprobe',
        ['-v', 'error', '-show_chapters', '-show_format', '-show_streams', '-of', 'json', out],
        { encoding: 'utf8' },
      );
      const info = JSON.parse(probe.stdout) as {
        chapters: Array<{ tags?: { title?: string } }>;
        format: { tags?: Record<string, string> };
        streams: Array<{ tags?: Record<string, string> }>;
      };
      const tags = Object.fromEntries(
        // Ogg keeps its comments on the stream, the others on the container.
        [info.format.tags, ...info.streams.map((s) => s.tags)].flatMap((tags) =>
          Object.entries(tags ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
        ),
      );
      expect(tags.title).toBe('THE NIGHT FERRY');
      expect(info.chapters.map((c) => c.tags?.title)).toEqual(['ACT ONE', 'ACT TWO']);
    }
    const sidecars = readdirSync(dir).filter(
      (f) => /\.(vtt|srt|lrc|cue|ffmeta|txt|json)$/.test(f) && f !== 'ferry.json',
    );
    expect(sidecars.length).toBeGreaterThanOrEqual(28);
    for (const file of sidecars) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).not.toMatch(LEAKS);
    }
  });
});

describe('cue sheets saved before the spoken text existed', () => {
  it('get it on load, so an old sheet never leaks markup into an export', async () => {
    const { readCueSheet } = await import('../../cues/read-cue-sheet.ts');
    const fresh = parseScript(FOUNTAIN, { fileName: 'ferry.fountain' });
    const old = { ...fresh, cues: fresh.cues.map(({ spoken: _, ...c }) => c) };
    const loaded = readCueSheet(JSON.stringify(old));
    const line = loaded.cues.find((c) => c.speaker === 'Maren')!;
    expect(spokenText(line)).toBe('This is not the boat I booked. Who is this?');
    // A sheet that already has it loads unchanged.
    expect(readCueSheet(JSON.stringify(fresh))).toEqual(fresh);
  });
});
