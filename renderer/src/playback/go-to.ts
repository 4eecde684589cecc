import { parseSeconds } from '../views/inspector.ts';

// What can be typed into the clock to go somewhere: a time (1:02:03.500, 2:15, 75.5, 75,5 or
// 75.5s) or a cue's number (12 or #12, counted from 1 down the script).

export type GoToTarget = { time: number } | { cueNumber: number };

/** Reads what was typed; undefined for anything else (never guessed). */
export function parseGoTo(text: string): GoToTarget | undefined {
  const t = text.trim();
  const cue = /^(?:#|cue\s*)?(\d+)$/i.exec(t);
  if (cue) return Number(cue[1]) >= 1 ? { cueNumber: Number(cue[1]) } : undefined;
  const seconds = parseSeconds(t.replace(/\s*s$/i, ''));
  return seconds !== undefined && seconds >= 0 ? { time: seconds } : undefined;
}
