// F6 and Shift+F6 move the keyboard focus from one area of the editor to the next, as in desktop
// apps: the top bar, the transport, the side area, the timeline, the inspector. Areas are the
// page's [data-panel] elements, in document order; hidden or empty ones are skipped.

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

function panels(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[data-panel]')].filter(
    (p) => !p.hidden && p.getClientRects().length > 0,
  );
}

/** Where the focus lands in an area: its selected tab, its first control, or the area itself. */
function target(panel: HTMLElement): HTMLElement {
  const inside =
    panel.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]') ??
    panel.querySelector<HTMLElement>(FOCUSABLE);
  if (inside && panel.dataset.panelFocus !== 'self') return inside;
  if (!panel.hasAttribute('tabindex')) panel.tabIndex = -1;
  return panel;
}

/** Moves the focus `step` areas on (1 forward, -1 back), wrapping round. */
export function cyclePanels(step: 1 | -1): void {
  const list = panels();
  if (list.length === 0) return;
  const at = list.findIndex((p) => p.contains(document.activeElement));
  const next = list[(at < 0 ? (step > 0 ? 0 : list.length - 1) : at + step + list.length) % list.length]!;
  target(next).focus();
}

/** The name of the area the focus is in (its aria-label), for tests and the status line. */
export function focusedPanel(): string | undefined {
  return (
    panels()
      .find((p) => p.contains(document.activeElement))
      ?.getAttribute('aria-label') ?? undefined
  );
}
