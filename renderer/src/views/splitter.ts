// A draggable divider between two areas of the editor (role="separator"): dragging it, or the
// arrow keys while it has the focus, set a CSS length on the layout (e.g. --side-width), kept
// within bounds. The size is remembered for the next start (localStorage).

export interface SplitterOptions {
  /** 'x': a vertical bar dragged sideways (widths); 'y': a horizontal bar dragged up and down. */
  axis: 'x' | 'y';
  /** The element whose CSS variable is set (the grid that uses it). */
  layout: HTMLElement;
  /** The CSS variable, e.g. '--side-width'; its value is set in px. */
  variable: string;
  /** The area the bar sizes: its current size is where a drag starts. */
  sized: HTMLElement;
  /** Smallest and largest size in px (largest read at each drag: the window may have changed). */
  min: number;
  max: () => number;
  /** Called after the size changed (a view that draws to its size redraws). */
  changed?: () => void;
}

const KEY_STEP = 16;

/** Makes `handle` a splitter; returns a function that sets the size (px) as a drag would. */
export function makeSplitter(handle: HTMLElement, options: SplitterOptions): (size: number) => void {
  const { axis, layout, variable, sized, min, max } = options;
  const storageKey = `cuewright:${variable}`;
  handle.setAttribute('role', 'separator');
  if (handle.dataset.label) {
    handle.setAttribute('aria-label', handle.dataset.label);
    handle.title = `${handle.dataset.label}: drag, or focus it and use the arrow keys`;
  }
  handle.setAttribute('aria-orientation', axis === 'x' ? 'vertical' : 'horizontal');
  handle.tabIndex = 0;
  handle.classList.add('splitter', `splitter-${axis}`);
  const current = () =>
    axis === 'x' ? sized.getBoundingClientRect().width : sized.getBoundingClientRect().height;

  const set = (size: number) => {
    const clamped = Math.round(Math.max(min, Math.min(max(), size)));
    layout.style.setProperty(variable, `${clamped}px`);
    handle.setAttribute('aria-valuenow', String(clamped));
    handle.setAttribute('aria-valuemin', String(min));
    handle.setAttribute('aria-valuemax', String(Math.round(max())));
    try {
      localStorage.setItem(storageKey, String(clamped));
    } catch {
      // Storage refused (private mode): the size lasts this session only.
    }
    options.changed?.();
  };

  const saved = Number(safeRead(storageKey));
  if (saved > 0) requestAnimationFrame(() => set(saved));

  handle.addEventListener('pointerdown', (event) => {
    event.preventDefault();
    const from = axis === 'x' ? event.clientX : event.clientY;
    const start = current();
    handle.setPointerCapture(event.pointerId);
    handle.classList.add('dragging');
    const move = (e: PointerEvent) => set(start + (axis === 'x' ? e.clientX : e.clientY) - from);
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.classList.remove('dragging');
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  });
  handle.addEventListener('keydown', (event) => {
    const grow = axis === 'x' ? 'ArrowRight' : 'ArrowDown';
    const shrink = axis === 'x' ? 'ArrowLeft' : 'ArrowUp';
    if (event.key !== grow && event.key !== shrink) return;
    // The arrows are the editor's nudges elsewhere: here they move the bar only.
    event.preventDefault();
    event.stopPropagation();
    const step = event.shiftKey ? KEY_STEP * 4 : KEY_STEP;
    set(current() + (event.key === grow ? step : -step));
  });
  return set;
}

function safeRead(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
