// In `cuewright serve` a file is chosen where the server asks (its terminal), not in the page:
// while such a pick waits, the page says so (it showed nothing, as if stuck).

/** The API calls that wait for the user to choose a file. */
export const PICKING_CALLS: ReadonlySet<string> = new Set(['pick', 'pickRecordings']);

let waiting = 0;
let banner: HTMLElement | undefined;

/** Shows "Waiting for a file choice…" until `pending` settles (several at once count). */
export async function whilePicking<T>(pending: Promise<T>): Promise<T> {
  waiting++;
  show();
  try {
    return await pending;
  } finally {
    waiting--;
    show();
  }
}

function show(): void {
  if (!banner) {
    banner = document.createElement('div');
    banner.dataset.testid = 'pick-waiting';
    banner.setAttribute('role', 'status');
    banner.textContent = 'Waiting for a file choice… (answer where cuewright serve asks, in its terminal)';
    banner.style.cssText =
      'position:fixed;left:50%;top:40%;transform:translateX(-50%);z-index:200;padding:12px 18px;' +
      'background:#0f172a;color:#e2e8f0;border:2px solid #f97316;border-radius:8px;font-size:15px;' +
      'box-shadow:0 8px 24px rgba(0,0,0,0.5)';
    document.body.append(banner);
  }
  banner.hidden = waiting === 0;
}
