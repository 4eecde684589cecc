import { describe, expect, it } from 'vitest';
import { droppedKind, planDrop } from '../../renderer/src/files/drop-plan.ts';

// What a drop of files onto the window does, from their names (the e2e test drops real files).

describe('drop plan', () => {
  it('names the kind of a file by its extension, any case', () => {
    expect(droppedKind('Book One.CWPROJ')).toBe('project');
    expect(droppedKind('chapter.fountain')).toBe('script');
    expect(droppedKind('take 3.M4A')).toBe('audio');
    expect(droppedKind('marks.cue')).toBe('chapters');
    expect(droppedKind('notes.pdf')).toBeUndefined();
    expect(droppedKind('README')).toBeUndefined();
  });

  it('a project wins; a script starts a new project with the recording dropped with it', () => {
    expect(planDrop(['a.wav', 'b.cwproj', 'c.txt'], true)).toEqual({ action: 'open-project', project: 1 });
    expect(planDrop(['narration.wav', 'script.txt'], false)).toEqual({
      action: 'new-project',
      script: 1,
      audio: 0,
    });
    expect(planDrop(['script.md'], false)).toEqual({ action: 'new-project', script: 0 });
  });

  it('chapters replace the chapters, a recording alone becomes a bed: both need a project', () => {
    expect(planDrop(['chapters.vtt', 'bed.wav'], true)).toEqual({ action: 'import-chapters', chapters: 0 });
    expect(planDrop(['bed.flac'], true)).toEqual({ action: 'add-bed', audio: 0 });
    expect(planDrop(['bed.flac'], false)).toMatchObject({
      action: 'refuse',
      reason: /open or start a project/,
    });
  });

  it('refuses, naming it, a file it does not open', () => {
    expect(planDrop(['cover.png'], true)).toEqual({
      action: 'refuse',
      reason: 'cover.png: not a file Cuewright opens (a .cwproj project, a script, a recording or chapters)',
    });
    expect(planDrop([], true)).toMatchObject({ action: 'refuse' });
  });
});
