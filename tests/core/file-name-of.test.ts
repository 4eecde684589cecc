import { describe, expect, it } from 'vitest';
import { fileNameOf } from '../../src/shared/file-name-of.ts';

describe('fileNameOf', () => {
  it('takes the last part of POSIX and Windows paths alike', () => {
    expect(fileNameOf('/home/ana/Takes/nora take 2.wav')).toBe('nora take 2.wav');
    expect(fileNameOf('C:\\Users\\Ana\\Takes\\nora.wav')).toBe('nora.wav');
    expect(fileNameOf('D:/mixed\\path/ben.flac')).toBe('ben.flac');
  });

  it('gives a bare name back whole', () => {
    expect(fileNameOf('drama.cwproj')).toBe('drama.cwproj');
  });

  it('gives undefined for no path or an empty one, so callers fall back', () => {
    expect(fileNameOf(undefined)).toBeUndefined();
    expect(fileNameOf('')).toBeUndefined();
    expect(fileNameOf(undefined) ?? 'Untitled').toBe('Untitled');
  });
});
