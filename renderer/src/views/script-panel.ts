import type { CueSheet } from '../../../cues/cue-sheet.ts';
import { needsReview } from '../../../cues/edit/review.ts';
import type { ProjectStore } from '../state/project-store.ts';
import { speakerColors, speakerOf, withAlpha } from './region-look.ts';

/** A stanza whose text starts with its own ♪ (drama scripts): the view adds no second one. */
const SONG_MARKED = /^\s*[♪♫]/;

// The script as written, with every cue a span in its speaker's colour (as on the timeline;
// narration the Narrator's, cues of nobody by kind): speakers' badges before dialogue in theirs,
// sung stanzas marked, cues waiting for review underlined. Clicking a cue selects it (and the
// app seeks there); during playback the current cue is highlighted and kept in view.

export class ScriptPanel {
  private readonly root: HTMLElement;
  private readonly spans = new Map<string, HTMLElement>();
  private current?: HTMLElement;

  constructor(root: HTMLElement, store: ProjectStore, onPick: (cueId: string, extend: boolean) => void) {
    this.root = root;
    // Shift-click extends the cue selection, not a text selection of the browser's.
    root.addEventListener('mousedown', (event) => {
      if (event.shiftKey) event.preventDefault();
    });
    root.addEventListener('click', (event) => {
      const span = (event.target as HTMLElement).closest<HTMLElement>('[data-cue]');
      if (span) onPick(span.dataset.cue!, event.shiftKey);
    });
    store.subscribe((change) => {
      if (change === 'selection') this.showSelection(store.selection.cueIds);
    });
  }

  render(script: string, sheet: CueSheet, selected: string[]): void {
    this.spans.clear();
    this.current = undefined;
    const fragment = document.createDocumentFragment();
    let at = 0;
    const chapterStarts = new Map(sheet.chapters.map((c) => [c.cueIds[0], c]));
    const colors = speakerColors(sheet);
    for (const cue of sheet.cues) {
      if (cue.source.start > at) fragment.append(script.slice(at, cue.source.start));
      const chapter = chapterStarts.get(cue.id);
      if (chapter) {
        const mark = document.createElement('span');
        mark.className = 'chapter-mark';
        mark.textContent = chapter.title;
        mark.dataset.chapter = chapter.id;
        fragment.append(mark);
      }
      if (cue.speaker) {
        const speaker = document.createElement('span');
        speaker.className = 'speaker';
        speaker.textContent = cue.speaker;
        speaker.style.background = colors.get(cue.speaker) ?? '';
        fragment.append(speaker);
      }
      const span = document.createElement('span');
      span.className = `cue kind-${cue.kind}${needsReview(cue) ? ' review' : ''}${cue.start === undefined ? ' unplaced' : ''}${cue.notRecorded ? ' not-recorded' : ''}${SONG_MARKED.test(cue.text) ? ' song-marked' : ''}`;
      span.dataset.cue = cue.id;
      const color = colors.get(speakerOf(cue) ?? '');
      if (color) span.style.background = withAlpha(color, 0.16);
      span.textContent = script.slice(cue.source.start, cue.source.end);
      fragment.append(span);
      this.spans.set(cue.id, span);
      at = cue.source.end;
    }
    fragment.append(script.slice(at));
    this.root.replaceChildren(fragment);
    this.showSelection(selected);
  }

  private showSelection(ids: string[]): void {
    for (const el of this.root.querySelectorAll('.cue.selected')) el.classList.remove('selected');
    for (const id of ids) this.spans.get(id)?.classList.add('selected');
    this.spans.get(ids[0] ?? '')?.scrollIntoView({ block: 'nearest' });
  }

  /** The cue under the playhead: highlighted and scrolled into view as the script follows along. */
  follow(cueId: string | undefined): void {
    const span = cueId ? this.spans.get(cueId) : undefined;
    if (span === this.current) return;
    this.current?.classList.remove('current');
    this.current = span;
    if (span) {
      span.classList.add('current');
      span.scrollIntoView({ block: 'center' });
    }
  }
}
