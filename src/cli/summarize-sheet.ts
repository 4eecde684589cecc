import type { CueSheet } from '../../cues/cue-sheet.ts';
import { clockTime } from '../../cues/sidecars/timecode.ts';
import { spokenText } from '../../cues/spoken-text.ts';
import { counted } from '../../cues/text/counted.ts';
import { ellipsize } from '../../cues/text/ellipsize.ts';

/** A human-readable outline of a cue sheet for the terminal. */
export function summarizeSheet(sheet: CueSheet): string {
  const counts = new Map<string, number>();
  for (const cue of sheet.cues) counts.set(cue.kind, (counts.get(cue.kind) ?? 0) + 1);
  const speakers = [...new Set(sheet.cues.flatMap((c) => (c.speaker ? [c.speaker] : [])))];
  const lines = [
    `${sheet.title} (${sheet.format ?? 'unknown'} script)`,
    `${counted(sheet.cues.length, 'cue')}: ${[...counts].map(([kind, n]) => `${n} ${kind}`).join(', ')}`,
    ...(speakers.length > 0 ? [`speakers: ${speakers.join(', ')}`] : []),
    '',
  ];
  const byId = new Map(sheet.cues.map((c) => [c.id, c]));
  for (const chapter of sheet.chapters) {
    lines.push(`# ${chapter.title}`);
    for (const id of chapter.cueIds) {
      const cue = byId.get(id)!;
      const who = cue.speaker ? ` ${cue.speaker}:` : '';
      const time = cue.start !== undefined ? `${clockTime(cue.start)} ` : '';
      // What is said; a cue that says nothing (a synopsis, a sound) shows its text in brackets.
      const said = spokenText(cue);
      const shown = said === '' && cue.kind !== 'separator' ? `[${cue.text}]` : said || cue.text;
      lines.push(`  ${time}${cue.kind.padEnd(9)}${who} ${ellipsize(shown.replace(/\s+/g, ' '), 70)}`);
    }
  }
  // Sung and music sections: what alignment detected or a producer marked.
  for (const section of sheet.sections ?? []) {
    const origin = section.origin === 'detected' ? ' (detected)' : '';
    lines.push(`${section.kind.padEnd(6)} ${clockTime(section.start)} - ${clockTime(section.end)}${origin}`);
  }
  return `${lines.join('\n')}\n`;
}
