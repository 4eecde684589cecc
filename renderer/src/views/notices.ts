// Notices above the timeline: errors (the file and the problem, in one line, until dismissed),
// banners that stay while a condition holds (missing audio, with its Relink button), and short
// refusals next to where the user is working. The footer status line is not enough: it is grey,
// small and overwritten by the next message.

export type NoticeKind = 'error' | 'warning' | 'info';

export interface NoticeAction {
  label: string;
  testid?: string;
  run(): void;
}

export interface Notice {
  /** A notice with the id of one on screen replaces it (the same condition is shown once). */
  id: string;
  kind: NoticeKind;
  text: string;
  /** Its tooltip (absent: the text, whole): more than the line has room for, e.g. whole paths. */
  title?: string;
  actions?: NoticeAction[];
  /** Shows a × that removes it (errors and refusals); banners of a condition go when it does. */
  dismissable?: boolean;
}

/** Longest line a notice shows; a message longer than that is cut (the whole is in its tooltip). */
const MAX_CHARS = 300;

export class Notices {
  private readonly root: HTMLElement;

  constructor(root: HTMLElement) {
    this.root = root;
  }

  show(notice: Notice): void {
    const row = document.createElement('div');
    row.className = `notice notice-${notice.kind}`;
    row.dataset.notice = notice.id;
    row.setAttribute('role', notice.kind === 'error' ? 'alert' : 'status');
    const text = document.createElement('span');
    text.className = 'notice-text';
    const line = oneLine(notice.text);
    text.textContent = line.length > MAX_CHARS ? `${line.slice(0, MAX_CHARS - 1)}…` : line;
    text.title = notice.title === undefined ? line : oneLine(notice.title);
    row.append(text);
    for (const action of notice.actions ?? []) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = action.label;
      if (action.testid) button.dataset.testid = action.testid;
      button.addEventListener('click', () => action.run());
      row.append(button);
    }
    if (notice.dismissable) {
      const close = document.createElement('button');
      close.type = 'button';
      close.className = 'notice-dismiss';
      close.textContent = '×';
      close.title = 'Dismiss';
      close.setAttribute('aria-label', 'Dismiss');
      close.addEventListener('click', () => row.remove());
      row.append(close);
    }
    const existing = this.root.querySelector(`[data-notice="${CSS.escape(notice.id)}"]`);
    if (existing) existing.replaceWith(row);
    else this.root.append(row);
  }

  dismiss(id: string): void {
    this.root.querySelector(`[data-notice="${CSS.escape(id)}"]`)?.remove();
  }

  /** Everything but the banners that say what is true of the open project. */
  clear(except: (id: string) => boolean = () => false): void {
    for (const row of this.root.querySelectorAll<HTMLElement>('.notice'))
      if (!except(row.dataset.notice ?? '')) row.remove();
  }
}

/**
 * A message as one readable line: control characters (raw bytes of a binary file read as text)
 * and line breaks become spaces.
 */
export function oneLine(message: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  const cleaned = message.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]+/g, ' ');
  return cleaned.replace(/\s+/g, ' ').trim();
}
