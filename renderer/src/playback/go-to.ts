import { parseSeconds } from '../views/inspector.ts';

// What can be typed into the clock to go somewhere: a time (1:02:03.500, 2:15, 75.5, 75,5, 75.5s
// or a bare 30: seconds) or a cue's number, always marked (#12 or cue 12, counted from 1 down the
// script): a bare number meaning a cue when whole and seconds otherwise sent "30" to cue 30.

export type GoToTarget = { time: number } | { cueNumber: number };

/** Reads what was typed; undefined for anything else (never guessed). */
export function parseGoTo(text: string): GoToTarget | undefined {
  const t = text.trim();
  const cue = /^(?:#\s*|cue\s*)(\d+)$/i.exec(t);
  if (cue) return Number(cue[1]) >= 1 ? { cueNumber: Number(cue[1]) } : undefined;
  const seconds = parseSeconds(t.replace(/\s*s$/i, ''));
  return seconds !== undefined && seconds >= 0 ? { time: seconds } : undefined;
}
