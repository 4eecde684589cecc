import { fileNameOf } from '../../../src/shared/file-name-of.ts';
import type { RecordingView } from '../../../src/shared/project-view.ts';
import type { Notices } from '../views/notices.ts';

// A recording of the production that is a truncated WAV (its header says longer than the file
// holds) is said above the timeline in the CLI's words ("cut.wav: truncated WAV: the header says
// 53.3 s, the file holds 10.0 s (43.3 s missing): read as far as it goes"), one line per file,
// for as long as the production plays it: it was opened shorter without a word. The banner names
// the file (a long folder pushed the figures out of sight); its tooltip gives the whole path.

/** The banner of the production's truncated recordings (it stays while one is in the production). */
export const CUT_SHORT = 'cut-short';

/** One line per truncated recording, in running order, each named by `name` of its path. */
function cutShortText(recordings: RecordingView[], name: (path: string) => string): string {
  return recordings.map((r) => `${name(r.path)}: ${r.cutShort}: read as far as it goes.`).join(' ');
}

/** Shows or takes down the banner for `recordings` (the production's, in running order). */
export function showCutShort(notices: Notices, recordings: Iterable<RecordingView | undefined>): void {
  const cut = [...recordings].filter((r): r is RecordingView => r?.cutShort !== undefined);
  if (cut.length === 0) {
    notices.dismiss(CUT_SHORT);
    return;
  }
  notices.show({
    id: CUT_SHORT,
    kind: 'warning',
    text: cutShortText(cut, fileNameOf),
    title: cutShortText(cut, (path) => path),
  });
}
