import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { SPEECH_DIR } from '../support/human-speech.ts';

// A script's title names the save file and the export's Title/album. One that starts with a
// chapter heading and has no title of its own is named by its file ("CHAPTER ONE: The
// Lighthouse" titled the whole book); a title page, or a first heading that is no chapter's,
// still titles it.

const story =
  'CHAPTER ONE: The Lighthouse\n\nThe lamp was lit.\n\nCHAPTER TWO: The Crossing\n\nThe boat left.\n';

describe('the title of a script', () => {
  it('first heading a chapter’s, no title page: the file’s name', () => {
    const sheet = parseScript(story, { fileName: '/home/me/The Keeper.txt' });
    expect(sheet.title).toBe('The Keeper');
    // The chapters keep their own names.
    expect(sheet.chapters.map((c) => c.title)).toEqual([
      'CHAPTER ONE: The Lighthouse',
      'CHAPTER TWO: The Crossing',
    ]);
    for (const heading of ['Chapter 1', 'chapter twelve', 'Prologue'])
      expect(parseScript(`${heading}\n\nA line.\n`, { fileName: 'book.txt' }).title, heading).toBe('book');
  });

  it('without a file name the heading still titles it (nothing better is known)', () => {
    expect(parseScript(story).title).toBe('CHAPTER ONE: The Lighthouse');
  });

  it('a title page, or a first heading that is no chapter’s, titles it as before', () => {
    const fountain = 'Title: The Night Ferry\n\n# ACT ONE\n\nINT. DECK - NIGHT\n\nThe sea.\n';
    expect(parseScript(fountain, { fileName: 'ferry.fountain' }).title).toBe('The Night Ferry');
    const titled = 'The Lighthouse Keeper\n\nCHAPTER ONE: The Lighthouse\n\nThe lamp was lit.\n';
    expect(parseScript(titled, { fileName: 'draft.txt' }).title).toBe('The Lighthouse Keeper');
    const part = 'Part 1: Who? / What*\n\nChapter 1\n\nIt began in the rain.\n';
    expect(parseScript(part, { fileName: 'title.txt' }).title).toBe('Part 1: Who? / What*');
    expect(
      parseScript('The Lighthouse Keeper\n\nThe lamp was lit.\n', { fileName: 'draft.txt' }).title,
    ).not.toBe('draft');
  });

  it('a first heading that is only a Roman numeral ("I", "XIV.") names a chapter: the file’s name', () => {
    // Tester 16: sonnets I-III, each under its numeral, were titled "I" ("I: 4 recordings").
    const sonnets = ['sonnet001', 'sonnet002']
      .map((n) => readFileSync(join(SPEECH_DIR, `sonnets/${n}.txt`), 'utf8').trim())
      .join('\n\n');
    const sheet = parseScript(sonnets, { fileName: '/books/script.txt' });
    expect(sheet.title).toBe('script');
    expect(sheet.chapters.map((c) => c.title)).toEqual(['I', 'II']);
    for (const heading of ['XIV', 'iv.'])
      expect(parseScript(`${heading}\n\nA line.\n`, { fileName: 'book.txt' }).title, heading).toBe('book');
    // A word spelt in numeral letters is no number.
    expect(parseScript('Civil\n\nA line.\n', { fileName: 'book.txt' }).title).toBe('Civil');
  });
});
