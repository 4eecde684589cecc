import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { PROJECT_VERSION, type ProjectFile } from '../../src/project/project-schema.ts';
import { SPEECH_DIR, type SpeechRecording } from './human-speech.ts';

/**
 * A version-2 project of Sonnet I's reading as one recording (`sonnet001.wav`, `duration` s), each
 * cue of `sheet` placed where the hand-made truth says it starts and ending where its speech ends:
 * the truth's "previous speech end" of the line after it (the last line 0.5 s before the end).
 */
export function sonnetOneAtTruth(
  sonnet: SpeechRecording,
  text: string,
  sheet: CueSheet,
  duration: number,
): ProjectFile {
  const starts = sonnet.truth.map((u) => u.start);
  const ends = readFileSync(join(SPEECH_DIR, 'sonnets/sonnet001.truth.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => Number(l.split('\t')[2]))
    .slice(1);
  return {
    app: 'cuewright',
    version: PROJECT_VERSION,
    script: { path: sonnet.script, text },
    recordings: [{ id: 'rec-1', path: 'sonnet001.wav', size: 0, duration }],
    placements: sheet.cues.map((c, i) => ({
      id: c.id,
      kind: 'cue' as const,
      recording: 'rec-1',
      start: starts[i]!,
      end: Math.min(duration, ends[i] ?? duration - 0.5),
    })),
    sheet,
    savedAt: new Date().toISOString(),
  };
}
