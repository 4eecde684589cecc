import { removeChapter, renameChapter } from '../../../cues/edit/chapter-edits.ts';
import { chaptersByTime } from '../../../cues/lists/chapter-list.ts';
import { clockTime } from '../../../cues/sidecars/timecode.ts';
import type { ProjectStore } from '../state/project-store.ts';
import type { AppDialog } from './app-dialog.ts';

// The chapters in the order they play: click one to jump there (its flag selected, the playhead at
// its start), rename it or delete it (each an undoable edit; the first chapter cannot go, every
// export starts one at 0:00).

export interface ChaptersPanelHandlers {
  /** Moves the playhead to `time` seconds and brings it into view. */
  jump(time: number): void;
}

export class ChaptersPanel {
  readonly element: HTMLElement;
  private readonly list: HTMLOListElement;

  private readonly store: ProjectStore;
  private readonly dialog: AppDialog;
  private readonly handlers: ChaptersPanelHandlers;

  constructor(store: ProjectStore, dialog: AppDialog, handlers: ChaptersPanelHandlers) {
    this.store = store;
    this.dialog = dialog;
    this.handlers = handlers;
    this.element = document.createElement('section');
    this.element.className = 'list-panel chapters-panel';
    this.element.setAttribute('aria-label', 'Chapters');
    this.list = document.createElement('ol');
    this.list.dataset.testid = 'chapter-list';
    this.element.append(this.list);
    this.list.addEventListener('click', (event) => void this.clicked(event));
    store.subscribe((change) => {
      if (change === 'project' || change === 'sheet' || change === 'selection') this.render();
    });
  }

  render(): void {
    if (!this.store.hasProject) return void this.list.replaceChildren();
    const selected = this.store.selection.chapterId;
    this.list.replaceChildren(
      ...chaptersByTime(this.store.sheet).map((chapter) => {
        const row = document.createElement('li');
        row.dataset.chapter = chapter.id;
        row.classList.toggle('selected', chapter.id === selected);
        const jump = document.createElement('button');
        jump.type = 'button';
        jump.className = 'row-main';
        jump.dataset.action = 'jump';
        jump.title = 'Jump to this chapter';
        const time = document.createElement('span');
        time.className = 'row-time';
        time.textContent = chapter.start === undefined ? 'no time' : clockTime(chapter.start);
        const title = document.createElement('span');
        title.className = 'row-title';
        title.textContent = chapter.title;
        const count = document.createElement('span');
        count.className = 'row-count';
        count.textContent = `${chapter.cues} cue${chapter.cues === 1 ? '' : 's'}`;
        jump.append(time, title, count);
        const remove = rowButton('Delete', 'delete');
        // The first chapter holds the book's start: it cannot go (the edit would refuse).
        if (this.store.sheet.chapters[0]?.id === chapter.id) {
          remove.disabled = true;
          remove.title = 'The first chapter cannot be removed';
        }
        row.append(jump, rowButton('Rename…', 'rename'), remove);
        return row;
      }),
    );
  }

  private async clicked(event: MouseEvent): Promise<void> {
    const button = (event.target as HTMLElement).closest<HTMLElement>('[data-action]');
    const id = button?.closest<HTMLElement>('[data-chapter]')?.dataset.chapter;
    const chapter = this.store.sheet.chapters.find((c) => c.id === id);
    if (!button || !chapter) return;
    const action = button.dataset.action;
    if (action === 'jump') {
      this.store.select(chapter.cueIds.slice(0, 1), chapter.id);
      const start = chaptersByTime(this.store.sheet).find((c) => c.id === chapter.id)?.start;
      if (start !== undefined) this.handlers.jump(start);
      else this.store.refuse(`"${chapter.title}" has no time yet: none of its cues is placed`);
    } else if (action === 'rename') {
      const title = await this.dialog.askText(
        'Rename chapter',
        'The chapter’s title:',
        chapter.title,
        'Rename',
      );
      if (title !== null) this.store.edit('rename chapter', (s) => renameChapter(s, chapter.id, title));
    } else if (action === 'delete') {
      this.store.edit('remove chapter', (s) => removeChapter(s, chapter.id));
    }
  }
}

/** A small button of a list row, found again by its `data-action`. */
export function rowButton(label: string, action: string): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'row-action';
  button.textContent = label;
  button.dataset.action = action;
  return button;
}
