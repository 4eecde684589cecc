import type { Clip } from '../../../cues/production/timeline.ts';
import { counted } from '../../../cues/text/counted.ts';
import { fileNameOf } from '../../../src/shared/file-name-of.ts';
import type { RecordingView } from '../../../src/shared/project-view.ts';
import type { Notices } from '../views/notices.ts';

// A recording of the production that is a truncated WAV (its header says longer than the file
// holds) is said above the timeline in the CLI's words ("cut.wav: truncated WAV: the header says
// 53.3 s, the file holds 10.0 s (43.3 s missing): read as far as it goes"), one line per file,
// for as long as the production plays it: it was opened shorter without a word. The banner names
// the file (a long folder pushed the figures out of sight); its tooltip gives the whole path.
// Clips of it that run past what it holds (a drama's take assembled before the file was cut) play
// silence there, and the banner counts them (a tester heard a line go silent with nothing said).

/** The banner of the production's truncated recordings (it stays while one is in the production). */
export const CUT_SHORT = 'cut-short';

/** Seconds a clip may run past what its recording holds before it counts as cut (decoder rounding). */
const SLACK = 0.05;

/**
 * What the banner says of `recording` and the `clips` that play it, naming it by `name` of its
 * path: the clips that now play silence first (the banner is one line; its tooltip has it all).
 */
function cutShortLine(recording: RecordingView, clips: Clip[], name: (path: string) => string): string {
  const cut = clips.filter((c) => c.recording === recording.id && c.to > recording.duration + SLACK).length;
  const silent =
    cut > 0
      ? ` ${counted(cut, 'clip')} of it play${cut === 1 ? 's' : ''} silence past ${recording.duration.toFixed(1)} s, where the file ends:`
      : '';
  return `${name(recording.path)}:${silent} ${recording.cutShort}: read as far as it goes.`;
}

/**
 * Shows or takes down the banner for `recordings` (the production's, in running order), whose
 * `clips` (the production's) are checked against what each holds.
 */
export function showCutShort(
  notices: Notices,
  recordings: Iterable<RecordingView | undefined>,
  clips: Clip[],
): void {
  const cut = [...recordings].filter((r): r is RecordingView => r?.cutShort !== undefined);
  if (cut.length === 0) {
    notices.dismiss(CUT_SHORT);
    return;
  }
  notices.show({
    id: CUT_SHORT,
    kind: 'warning',
    text: cut.map((r) => cutShortLine(r, clips, fileNameOf)).join(' '),
    title: cut.map((r) => cutShortLine(r, clips, (path) => path)).join(' '),
  });
}
