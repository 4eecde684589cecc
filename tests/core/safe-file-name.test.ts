import { describe, expect, it } from 'vitest';
import { safeFileName, safeFileStem } from '../../src/shared/safe-file-name.ts';

// Names the app suggests for saves and exports must be valid on Windows, macOS and Linux.

describe('safe file names', () => {
  it.each([
    ['Part 1: Arrival', 'Part 1 - Arrival'],
    ['Who? / What* <x> "y" a|b \\ c', 'Who What x y a b c'],
    ['  .hidden title. ', 'hidden title'],
    ['CON', 'CON_'],
    ['nul.txt', 'nul.txt_'],
    ['Lpt1', 'Lpt1_'],
    ['tab\tand\u0001control', 'tab and control'],
    ['', 'production'],
    ['???', 'production'],
    ['My Love. My Life. My Forever.', 'My Love. My Life. My Forever'],
  ])('%j -> %j', (title, stem) => {
    expect(safeFileStem(title)).toBe(stem);
  });

  it('keeps a long name under 200 bytes without cutting a character in two', () => {
    const stem = safeFileStem('é'.repeat(300));
    expect(new TextEncoder().encode(stem).length).toBeLessThanOrEqual(200);
    expect(stem).toBe('é'.repeat(100));
  });

  it('adds the extension', () => {
    expect(safeFileName('A: B', 'mp3')).toBe('A - B.mp3');
    expect(safeFileName('', 'cwproj', 'Untitled')).toBe('Untitled.cwproj');
  });
});
