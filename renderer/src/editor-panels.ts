import { renameChapter } from '../../cues/edit/chapter-edits.ts';
import { moveCues, setSpeaker } from '../../cues/edit/multi-cue.ts';
import { markRecorded } from '../../cues/edit/not-recorded.ts';
import type { CommandId } from '../../src/shared/commands.ts';
import type { Action } from './actions.ts';
import type { ProjectStore } from './state/project-store.ts';
import type { AppDialog } from './views/app-dialog.ts';
import { ChaptersPanel } from './views/chapters-panel.ts';
import { ContextMenu, type MenuItem } from './views/context-menu.ts';
import { CueTable } from './views/cue-table.ts';
import { cueLegend } from './views/kind-legend.ts';
import { MultiCueInspector } from './views/multi-cue-inspector.ts';
import { ReviewQueue } from './views/review-queue.ts';
import { ScriptSearch } from './views/script-search.ts';
import { addSideTab, selectSideTab } from './views/side-tabs.ts';
import { SpeakersPanel } from './views/speakers-panel.ts';

// The editor's side panels (Chapters, Speakers, Cues, Review), the find bar of the script, the
// inspector for several cues and the right-click menus, wired to the store and to the commands of
// the shared table. app.ts mounts them once; each view lives in its own file under views/.

export interface PanelContext {
  store: ProjectStore;
  dialog: AppDialog;
  /** The script panel's root (the find bar searches its spans; solo dims them). */
  script: HTMLElement;
  /** The timeline's root: right-clicks on cues, chapter flags, sung sections and beds. */
  timeline: HTMLElement;
  /** Selects a cue alone and moves the playhead to it (as a click in the script). */
  pickCue(id: string, extend: boolean): void;
  /** Moves the playhead to `time` seconds, into view. */
  seek(time: number): void;
  /** The app's commands (read when a menu opens: they are made after the panels). */
  actions(): Action[];
  duration(): number;
  report(error: unknown): void;
}

export interface EditorPanels {
  search: ScriptSearch;
  /** The inspector's rows when several cues are selected. */
  severalCues(ids: readonly string[]): HTMLElement[];
}

export function mountEditorPanels(ctx: PanelContext): EditorPanels {
  const { store, dialog } = ctx;
  const run = (id: CommandId) => {
    const action = ctx.actions().find((a) => a.id === id);
    if (action)
      void Promise.resolve()
        .then(() => action.run())
        .catch(ctx.report);
  };

  const chapters = new ChaptersPanel(store, dialog, { jump: ctx.seek });
  const speakers = new SpeakersPanel(store);
  const table = new CueTable(store, (id) => ctx.pickCue(id, false));
  const review = new ReviewQueue(store, {
    pick: (id) => ctx.pickCue(id, false),
    run: (id) => run(id as CommandId),
    enabled: (id) => {
      const action = ctx.actions().find((a) => a.id === id);
      return action?.enabled?.() ?? true;
    },
  });
  // The colours' legend: in the Cues tab and over the timeline, where the colours are.
  const legend = document.createElement('div');
  legend.className = 'legend-holder';
  table.element.prepend(legend);
  const timelineLegend = document.createElement('div');
  timelineLegend.className = 'timeline-legend';
  timelineLegend.dataset.testid = 'timeline-legend';
  ctx.timeline.append(timelineLegend);
  store.subscribe((change) => {
    if (change !== 'project' && change !== 'sheet') return;
    legend.replaceChildren(cueLegend(store.sheet));
    timelineLegend.replaceChildren(cueLegend(store.sheet));
  });
  addSideTab('chapters', 'Chapters', chapters.element);
  addSideTab('speakers', 'Speakers', speakers.element);
  addSideTab('cues', 'Cues', table.element);
  addSideTab('review', 'Review', review.element);

  // Solo: the table lists only the speaker's cues; the script dims the others.
  let soloIds: Set<string> | undefined;
  const dimScript = () => {
    for (const span of ctx.script.querySelectorAll<HTMLElement>('.cue[data-cue]'))
      span.classList.toggle('solo-out', soloIds !== undefined && !soloIds.has(span.dataset.cue!));
  };
  // On the timeline: the others' regions dimmed (a rule on the regions' parts, so regions made
  // later as the view scrolls are dimmed too) and a banner saying solo is on and how to leave it.
  const soloStyle = document.head.appendChild(document.createElement('style'));
  const banner = soloBanner(() => speakers.endSolo());
  ctx.timeline.prepend(banner.element);
  speakers.onSolo((speaker) => {
    soloIds = speaker ? new Set(speaker.cueIds) : undefined;
    table.setOnly(speaker?.cueIds);
    dimScript();
    soloStyle.textContent = speaker
      ? `#waveform ::part(region) { opacity: 0.25; }\n${speaker.cueIds.map((id) => `#waveform ::part(${CSS.escape(id)})`).join(',\n')} { opacity: 1; }`
      : '';
    banner.show(speaker?.speaker);
  });
  // The script is drawn again after a change (after this listener runs): dimmed again then.
  store.subscribe((change) => {
    if (change === 'project' || change === 'sheet') queueMicrotask(dimScript);
  });

  const search = new ScriptSearch(store, ctx.script, (id) => ctx.pickCue(id, false));
  const side = ctx.script.closest('#side') ?? ctx.script.parentElement!;
  side.insertBefore(search.element, side.querySelector('#side-panels'));
  // The find bar searches the script: its tab comes to the front.
  const openSearch = search.open.bind(search);
  search.open = () => {
    selectSideTab('script');
    openSearch();
  };

  const multi = new MultiCueInspector(store, {
    moveBy: (offset) =>
      void store.edit(`move ${store.selection.cueIds.length} cues`, (s) =>
        moveCues(s, store.selection.cueIds, offset, ctx.duration()),
      ),
    setSpeaker: (name) =>
      void store.edit(name.trim() ? `set speaker ${name.trim()}` : 'clear speaker', (s) =>
        setSpeaker(s, store.selection.cueIds, name),
      ),
    markSung: () => run('sung'),
    notRecorded: () => run('not-recorded'),
    recorded: () => void store.edit('mark recorded', (s) => markRecorded(s, store.selection.cueIds)),
    refuse: (message) => store.refuse(message),
  });

  bindContextMenus(ctx, run);
  return { search, severalCues: (ids) => [multi.render(ids)] };
}

/** Right-click menus on cues (script, table, timeline), chapter flags, sung sections and beds. */
function bindContextMenus(ctx: PanelContext, run: (id: CommandId) => void): void {
  const { store } = ctx;
  const menu = new ContextMenu(ctx.report);
  const command = (id: CommandId, label?: string): MenuItem => {
    const action = ctx.actions().find((a) => a.id === id)!;
    return { label: label ?? action.label, keys: action.keys, run: () => run(id) };
  };
  const cueMenu = (id: string, x: number, y: number) => {
    // A cue outside the selection is selected first: the menu acts on what it was opened on.
    if (!store.selection.cueIds.includes(id)) store.select([id]);
    const n = store.selection.cueIds.length;
    const kind = store.sheet.cues.find((c) => c.id === id)?.kind;
    // A script's sound or music cue offers its file first: that is what such a cue waits for.
    const sound = n === 1 && (kind === 'sfx' || kind === 'music') ? [command('cue-sound')] : [];
    // A line of a drama assembled from takes offers its other takes first (T, Shift+T).
    const takes =
      n === 1 && store.doc.takes?.some((l) => l.cue === id)
        ? [command('next-take'), command('prev-take')]
        : [];
    menu.show(x, y, n > 1 ? `${n} cues` : 'Cue', [
      ...sound,
      ...takes,
      command('play-cue'),
      command('loop-cue'),
      command('split'),
      command('merge'),
      command('snap'),
      command('chapter'),
      {
        label: 'Set speaker…',
        run: async () => {
          const ids = store.selection.cueIds;
          const names = new Set(
            store.sheet.cues.filter((c) => ids.includes(c.id)).map((c) => c.speaker ?? ''),
          );
          const name = await ctx.dialog.askText(
            n > 1 ? `Set the speaker of ${n} cues` : 'Set speaker',
            'Who says it (empty: nobody named; narration is the Narrator’s):',
            names.size === 1 ? [...names][0]! : '',
            'Set',
          );
          if (name !== null)
            store.edit(name.trim() ? `set speaker ${name.trim()}` : 'clear speaker', (s) =>
              setSpeaker(s, ids, name),
            );
        },
      },
      command('sung'),
      command('not-recorded'),
      command('confirm'),
      command('align-range'),
      command('select-all'),
    ]);
  };
  const chapterMenu = (chapterId: string, x: number, y: number) => {
    const chapter = store.sheet.chapters.find((c) => c.id === chapterId);
    if (!chapter) return;
    store.select(chapter.cueIds.slice(0, 1), chapter.id);
    menu.show(x, y, `Chapter: ${chapter.title}`, [
      {
        label: 'Jump to chapter',
        run: () => (chapter.start !== undefined ? ctx.seek(chapter.start) : undefined),
      },
      {
        label: 'Rename chapter…',
        run: async () => {
          const title = await ctx.dialog.askText(
            'Rename chapter',
            'The chapter’s title:',
            chapter.title,
            'Rename',
          );
          if (title !== null) store.edit('rename chapter', (s) => renameChapter(s, chapter.id, title));
        },
      },
      command('remove-chapter'),
    ]);
  };
  const open = (event: MouseEvent, path: EventTarget[]) => {
    if (!store.hasProject) return;
    for (const target of path) {
      if (!(target instanceof HTMLElement)) continue;
      const { cue, chapter, section, bed } = target.dataset;
      const region = /^region (.+)$/.exec(target.getAttribute('part') ?? '')?.[1];
      const x = event.clientX;
      const y = event.clientY;
      if (cue || region) cueMenu((cue ?? region)!, x, y);
      else if (chapter) chapterMenu(chapter, x, y);
      else if (section) {
        store.selectSection(section);
        menu.show(x, y, 'Sung passage', [command('remove-selected', 'Unmark sung passage')]);
      } else if (bed) {
        store.selectBed(bed);
        const effect = store.sheet.beds?.find((b) => b.id === bed)?.sfx;
        menu.show(x, y, effect ? 'Sound effect' : 'Music bed', [
          command('remove-selected', effect ? 'Remove sound effect' : 'Remove music bed'),
        ]);
      } else continue;
      event.preventDefault();
      return;
    }
  };
  // The script lies inside the side panels: one listener there serves it, the table and the lists.
  for (const root of [document.getElementById('side-panels') ?? ctx.script, ctx.timeline])
    root.addEventListener('contextmenu', (event) => open(event, event.composedPath()));
}

/** "Solo: Tom — others dimmed" over the timeline while a speaker is soloed, with its way out. */
function soloBanner(end: () => void): { element: HTMLElement; show(speaker: string | undefined): void } {
  const element = document.createElement('div');
  element.className = 'solo-banner';
  element.dataset.testid = 'solo-banner';
  element.hidden = true;
  const text = document.createElement('span');
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'End solo';
  button.dataset.testid = 'solo-end';
  button.addEventListener('click', end);
  element.append(text, button);
  return {
    element,
    show(speaker) {
      element.hidden = speaker === undefined;
      text.textContent = speaker ? `Solo: ${speaker} — the other speakers are dimmed` : '';
    },
  };
}
