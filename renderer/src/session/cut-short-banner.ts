import type { RecordingView } from '../../../src/shared/project-view.ts';
import type { Notices } from '../views/notices.ts';

// A recording of the production that is a truncated WAV (its header says longer than the file
// holds) is said above the timeline in the CLI's words ("FILE: truncated WAV: the header says
// 53.3 s, the file holds 10.0 s (43.3 s missing): read as far as it goes"), one line per file,
// for as long as the production plays it: it was opened shorter without a word.

/** The banner of the production's truncated recordings (it stays while one is in the production). */
export const CUT_SHORT = 'cut-short';

/** One line per truncated recording, in running order; '' when none is. */
export function cutShortText(recordings: Iterable<RecordingView | undefined>): string {
  const lines: string[] = [];
  for (const r of recordings)
    if (r?.cutShort) lines.push(`${r.path}: ${r.cutShort}: read as far as it goes.`);
  return lines.join(' ');
}

/** Shows or takes down the banner for `recordings` (the production's, in running order). */
export function showCutShort(notices: Notices, recordings: Iterable<RecordingView | undefined>): void {
  const text = cutShortText(recordings);
  if (text) notices.show({ id: CUT_SHORT, kind: 'warning', text });
  else notices.dismiss(CUT_SHORT);
}
