import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planScratch } from '../../audio/scratch/scratch-plan.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { lrcLyrics, srtCaptions, webvttCaptions } from '../../cues/sidecars/captions.ts';
import { cueSheetFile, ffmetadata } from '../../cues/sidecars/chapter-files.ts';
import { chapterMarks } from '../../cues/sidecars/chapter-marks.ts';
import { spokenText } from '../../cues/spoken-text.ts';
import { REPO } from '../support/paths.ts';
import { expectSheetInvariants } from '../support/sheet-invariants.ts';

// The real-world scripts in ../shared/cases/scripts, each as its README says a producer expects.
// (The chapter files there are run through `cuewright chapters` in cli-chapters.test.ts.)

const DIR = `${REPO}../shared/cases/scripts/`;
const present = existsSync(DIR);

function load(name: string): { text: string; sheet: CueSheet } {
  const text = readFileSync(`${DIR}${name}`, 'utf8');
  const sheet = parseScript(text, { fileName: name });
  expectSheetInvariants(text, sheet);
  return {
    text,
    sheet: { ...sheet, cues: sheet.cues.map((c, i) => ({ ...c, start: i * 3, end: i * 3 + 2 })) },
  };
}

/** Everything a listener hears or reads of a sheet: captions, LRC, chapter names, CUE, ffmetadata, the scratch reading. */
function everythingShown(sheet: CueSheet): string {
  const marks = chapterMarks(sheet, { duration: sheet.cues.length * 3 + 1, lyricsAsChapters: true });
  return [
    sheet.title,
    srtCaptions(sheet),
    webvttCaptions(sheet),
    lrcLyrics(sheet),
    cueSheetFile(marks, 'x.mp3', sheet.title),
    ffmetadata(marks, { title: sheet.title }),
    ...planScratch(sheet).map((u) => u.text),
  ].join('\n');
}

const rows = (sheet: CueSheet) => sheet.cues.map((c) => [c.kind, c.speaker ?? '', spokenText(c)]);

describe.runIf(present)('shared case files: scripts', () => {
  it('every case file is covered here', () => {
    expect(readdirSync(DIR).sort()).toEqual([
      'drama-bbc-unbracketed-sfx-music-scene-as-speakers.txt',
      'fountain-emphasis-markup-leaks-into-tags-and-captions.fountain',
      'fountain-inline-note-spoken-and-lyric-tilde-in-lrc.fountain',
      'fountain-scene-heading-adjacent-to-section-or-synopsis-read-as-narration.fountain',
      'prose-british-single-quotes-no-dialogue.txt',
      'prose-quote-before-action-beat-unattributed.txt',
    ]);
  });

  it('Fountain emphasis is styling: never in spoken text, titles, chapter names, CUE or captions', () => {
    const { sheet } = load('fountain-emphasis-markup-leaks-into-tags-and-captions.fountain');
    expect(sheet.title).toBe('THE NIGHT FERRY');
    expect(sheet.chapters.map((c) => c.title)).toEqual(['ACT I']);
    expect(spokenText(sheet.cues.find((c) => c.speaker === 'Maren')!)).toBe('This is not the boat I booked.');
    expect(everythingShown(sheet)).not.toMatch(/[*_]/);
  });

  it('[[notes]] are never spoken or captioned; ~ is no part of the lyric', () => {
    const { sheet } = load('fountain-inline-note-spoken-and-lyric-tilde-in-lrc.fountain');
    expect(rows(sheet)).toEqual([
      ['heading', '', 'INT. ROOM - DAY'],
      ['dialogue', 'Scott', 'Hello? Who is this?'],
      ['lyric', 'Operator', 'Happy birthday to you,\nhappy birthday to you.'],
    ]);
    const shown = everythingShown(sheet);
    expect(shown).not.toMatch(/\[\[|whisper|~/);
    expect(lrcLyrics(sheet)).toMatch(/\]Happy birthday to you,\n\[[\d:.]+\]happy birthday to you\./);
  });

  it('three scene headings, even right after a section or right before a synopsis', () => {
    const { sheet } = load(
      'fountain-scene-heading-adjacent-to-section-or-synopsis-read-as-narration.fountain',
    );
    expect(
      sheet.cues
        .filter((c) => c.kind === 'heading' && !/^(?:one|two|three)$/.test(c.text))
        .map((c) => c.text),
    ).toEqual(["INT. DR. GRIMM'S LAIR - DAY", "I/E. GRIMM'S CAR - MOVING", 'EXT. SURFACE OF THE SUN']);
    expect(sheet.cues.some((c) => c.kind === 'narration')).toBe(false);
    expect(sheet.chapters.map((c) => c.title)).toEqual(['one', 'two', 'three']);
    expect(everythingShown(sheet)).not.toMatch(/welcomes the agent|makes his escape|untimely end/);
  });

  it('the BBC layout: SCENE heading, SFX and MUSIC cues (never speakers, never spoken), directions out of speech', () => {
    const { sheet } = load('drama-bbc-unbracketed-sfx-music-scene-as-speakers.txt');
    expect(sheet.format).toBe('drama');
    expect(rows(sheet)).toEqual([
      ['title', '', "THE KEEPER'S LAMP"],
      ['heading', '', 'SCENE 1: INT. THE LIGHTHOUSE. NIGHT'],
      ['note', '', ''],
      ['sfx', '', ''],
      ['dialogue', 'Edith', "Shut that, will you? You're letting the whole sea in."],
      ['dialogue', 'Tom', "I'm trying. The latch is rusted through."],
      ['sfx', '', ''],
      ['dialogue', 'Edith', 'Did you see the boat?'],
      ['dialogue', 'Tom', "I saw it. I wish I hadn't."],
      ['music', '', ''],
      ['note', '', ''],
    ]);
    expect(everythingShown(sheet)).not.toMatch(/SFX|MUSIC|\(OFF\)|\(BEAT\)|\(V\.O\.\)|Sfx|Music:/);
  });

  it('UK single-quote dialogue with its speakers; apostrophes are not quotes', () => {
    const { sheet } = load('prose-british-single-quotes-no-dialogue.txt');
    expect(sheet.cues.filter((c) => c.kind === 'dialogue').map((c) => [c.speaker, c.text])).toEqual([
      ['Margaret', 'You’re late,'],
      ['Tom', 'The trains,'],
      ['Tom', 'They’re never on time in the fog. The dogs’ kennels were flooded, too.'],
      ['Margaret', 'Then you’d best sit down.'],
    ]);
  });

  it('a quote before an action beat or cut off by a dash belongs to the beat\u2019s subject', () => {
    const { sheet } = load('prose-quote-before-action-beat-unattributed.txt');
    expect(sheet.cues.filter((c) => c.kind === 'dialogue').map((c) => [c.speaker, c.text])).toEqual([
      ['Dana', 'Hello,'],
      ['Dana', 'How are you?'],
      ['Marcus', 'Hello.'],
      ['Marcus', 'How are you?'],
      ['Dana', 'Not now.'],
      ['Marcus', 'Later—'],
      ['Marcus', 'Maybe.'],
    ]);
  });
});
