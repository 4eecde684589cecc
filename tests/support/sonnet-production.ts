import { readFileSync, writeFileSync } from 'node:fs';
import { parseScript } from '../../cues/parse-script.ts';
import type { SpeechRecording } from './human-speech.ts';

/**
 * The LibriVox sonnets' texts as one Fountain script, a `# Sonnet N` heading before each
 * (each truth script's first paragraph, its title, left out).
 */
export function sonnetsScript(sonnets: readonly SpeechRecording[]): string {
  const parts = sonnets.map((r, i) => {
    const lines = readFileSync(r.script, 'utf8')
      .trim()
      .split(/\n\s*\n/)
      .slice(1);
    return `# Sonnet ${i + 1}\n\n${lines.join('\n\n')}`;
  });
  return `${parts.join('\n\n')}\n`;
}

/** One recording entry of a version-2 project: `rec-N`, its path, its length in seconds. */
export interface RecordingEntry {
  id: string;
  path: string;
  size: number;
  duration: number;
  pickup?: boolean;
}

/**
 * Writes a version-2 project of `recordings` (in running order) with the script parsed as
 * Fountain and nothing placed; `extra` adds fields (a timeline) as a saved project would have them.
 */
export function writeProduction(
  projectPath: string,
  text: string,
  recordings: RecordingEntry[],
  extra: Record<string, unknown> = {},
): void {
  writeFileSync(
    projectPath,
    JSON.stringify({
      app: 'cuewright',
      version: 2,
      script: { path: 'sonnets.fountain', text },
      recordings,
      ...extra,
      sheet: parseScript(text, { format: 'fountain' }),
      savedAt: new Date().toISOString(),
    }),
  );
}
