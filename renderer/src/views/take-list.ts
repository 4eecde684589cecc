import { spokenText } from '../../../cues/spoken-text.ts';
import { fileNameOf } from '../../../src/shared/file-name-of.ts';
import type { ProjectStore } from '../state/project-store.ts';
import { pickTake, takesOfLine } from '../state/take-switch.ts';

// The inspector's part for a drama assembled from takes: the selected line's takes in recording
// order (the one that plays marked, false starts said as such; a click plays another, one undo
// step, as T does), and the drama's missing lines (no complete take found) and missing sounds
// (a sound or music cue no file plays), each a click away.
// Only the two lists carry a test id: the inspector updates rows in place by test id, and items
// sharing one were all overwritten with the first's text.

/** Seconds as the list shows a take's place on its recording ("12.40 s"). */
const at = (t: number) => `${t.toFixed(2)} s`;

/** The rows for `cueId` (none when the project has no takes). */
export function takeRows(store: ProjectStore, cueId: string | undefined): HTMLElement[] {
  const doc = store.doc;
  if (!doc.takes) return [];
  const rows: HTMLElement[] = [];
  const line = cueId ? takesOfLine(store, cueId) : undefined;
  if (line) {
    const list = section('Takes of this line (T next, Shift+T previous)', 'take-list');
    if (line.takes.length === 0) list.append(note('no take found: the line is missing'));
    for (const [i, take] of line.takes.entries()) {
      const item = document.createElement('button');
      item.type = 'button';
      item.className = `take-item${line.pick === i ? ' picked' : ''}`;
      item.dataset.take = String(i);
      item.setAttribute('aria-pressed', String(line.pick === i));
      const quality = take.complete
        ? `${take.words} of ${take.of} words · fit ${Math.round(take.fit * 100)} %`
        : `false start (${take.words} of ${take.of} words)`;
      item.textContent = `${line.pick === i ? '▶ ' : ''}Take ${i + 1} · ${take.recording} ${at(take.start)}–${at(take.end)} · ${quality}`;
      item.disabled = !take.complete;
      item.title = take.complete
        ? line.pick === i
          ? 'This take plays'
          : `Play take ${i + 1} for this line (T / Shift+T step through the complete takes)`
        : 'A false start: the whole line is not in it';
      item.addEventListener('click', () => pickTake(store, line.cue, i));
      list.append(item);
    }
    rows.push(list);
  }
  const missing = doc.takes.filter((l) => l.pick === undefined);
  const gone = section(`Missing lines (${missing.length})`, 'missing-lines');
  if (missing.length === 0) gone.append(note('every line has a take that plays'));
  const cues = new Map(doc.sheet.cues.map((c) => [c.id, c]));
  for (const entry of missing) {
    const cue = cues.get(entry.cue);
    const text = cue ? spokenText(cue).slice(0, 60) : entry.cue;
    gone.append(
      missingItem(
        store,
        entry.cue,
        `${cue?.speaker ?? ''}: ${text}${entry.review ? ` — ${entry.review}` : ''}`,
        'Select this line (no complete take of it was found)',
      ),
    );
  }
  rows.push(gone);
  rows.push(missingSounds(store));
  return rows;
}

/**
 * The drama's sound and music cues no file plays (none matched by name in the folders given to
 * assemble, or no folder given), and those whose file the back end could not read (moved, deleted,
 * or not audio: the export stops on them; a tester saw "Missing sounds (0)" under the banner saying
 * so), each a click away.
 */
function missingSounds(store: ProjectStore): HTMLElement {
  const doc = store.doc;
  const playing = new Set((doc.sounds ?? []).map((s) => s.cue));
  const missing = doc.sheet.cues.filter(
    (c) => (c.kind === 'sfx' || c.kind === 'music') && !playing.has(c.id),
  );
  const unread = (doc.sounds ?? []).filter((s) => s.seconds === undefined);
  const list = section(`Missing sounds (${missing.length + unread.length})`, 'missing-sounds');
  if (missing.length + unread.length === 0)
    list.append(note('every sound and music cue has a file that plays'));
  for (const cue of missing)
    list.append(
      missingItem(
        store,
        cue.id,
        `${cue.text.slice(0, 60)} — no sound file`,
        'Select this cue (no file in the sound or music folder matched it)',
      ),
    );
  for (const sound of unread)
    list.append(
      missingItem(
        store,
        sound.cue,
        `${fileNameOf(sound.path)} — cannot be read (missing, or not audio)`,
        `Select this cue (${sound.path} cannot be read: the export stops until it is there)`,
      ),
    );
  return list;
}

/** A missing line's or sound's row: a click selects its cue. */
function missingItem(store: ProjectStore, cueId: string, text: string, title: string): HTMLElement {
  const item = document.createElement('button');
  item.type = 'button';
  item.className = 'take-item missing';
  item.dataset.cue = cueId;
  item.textContent = text;
  item.title = title;
  item.addEventListener('click', () => store.select([cueId]));
  return item;
}

function section(title: string, testid: string): HTMLElement {
  const box = document.createElement('div');
  box.className = 'take-section';
  box.dataset.testid = testid;
  const head = document.createElement('span');
  head.textContent = title;
  box.append(head);
  return box;
}

function note(text: string): HTMLElement {
  const p = document.createElement('span');
  p.className = 'take-note';
  p.textContent = text;
  return p;
}
