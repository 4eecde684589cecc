import type { Action } from '../actions.ts';
import { actionButton, overflowItems, updateEnabled } from './toolbar.ts';
import { overflowIntoMenu } from './toolbar-overflow.ts';

// The transport bar under the top bar: the Transport commands (play, play cue, loop…), the clock
// (#time), then the View commands (zoom). Other controls (speed, rolls, levels) are appended to
// its `extras` slot by their own modules. It is one row at any width, as the top bar: compact
// first (captions dropped, the meter narrowed), then its buttons, last first, in a More menu
// (toolbar-overflow.ts); it wrapped onto two rows below about 1306 px.

/**
 * Shorter text for the zoom buttons, so the bar stays one row at desktop widths: their accessible
 * names and tooltips keep the full label (under a visible "Zoom" caption).
 */
const SHORT: Record<string, string> = {
  'zoom-in': '+',
  'zoom-out': '−',
  'zoom-selection': 'Selection',
  'zoom-fit': 'Fit',
};

export interface TransportBar {
  /** The clock: current time / length. */
  time: HTMLElement;
  /** Where further transport controls go (speed, pre-roll, level meter). */
  extras: HTMLElement;
  update(): void;
}

export function renderTransportBar(
  root: HTMLElement,
  actions: Action[],
  onError: (error: unknown) => void,
): TransportBar {
  const buttons: Array<{ button: HTMLButtonElement; action: Action }> = [];
  const group = (name: string, menu: Action['menu']) => {
    const element = document.createElement('div');
    element.className = 'command-group';
    element.setAttribute('role', 'group');
    element.setAttribute('aria-label', name);
    if (menu === 'View') {
      const caption = document.createElement('span');
      caption.className = 'group-caption';
      caption.textContent = 'Zoom';
      element.append(caption);
    }
    for (const action of actions.filter((a) => a.toolbar && a.menu === menu)) {
      const button = actionButton(action, onError);
      const short = SHORT[action.id];
      if (short) {
        button.setAttribute('aria-label', action.label);
        button.textContent = short;
      }
      buttons.push({ button, action });
      element.append(button);
    }
    return element;
  };
  // The clock is in the page from the start (views that show the time may look it up early).
  const time = root.querySelector<HTMLElement>('#time') ?? document.createElement('span');
  time.id = 'time';
  const extras = document.createElement('div');
  extras.className = 'transport-extras';
  root.replaceChildren(group('Playback', 'Transport'), time, extras, group('Zoom', 'View'));
  overflowIntoMenu(root, overflowItems(buttons), onError, {
    id: 'transport-more',
    heading: 'More transport commands',
  });
  return { time, extras, update: () => updateEnabled(buttons) };
}
