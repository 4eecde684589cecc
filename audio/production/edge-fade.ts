// A join between two pieces of audio is a step wherever the sample values on either side differ
// (a file cut on a word, room tone meeting speech): a click. Every piece is faded in and out over
// a few milliseconds at a join, so each side meets the other near zero.

/** The fade at every join, seconds: short enough to be inaudible on speech, long enough to stop a click. */
export const JOIN_FADE = 0.005;

/**
 * Fades `channels` in place: the block covers frames [at, at + n) of a piece `length` frames long;
 * its first `head` and last `tail` frames are ramped (raised cosine) from and to zero (0: no fade).
 */
export function fadeEdges(
  channels: Float32Array[],
  at: number,
  length: number,
  head: number,
  tail = head,
): void {
  const n = channels[0]?.length ?? 0;
  const headEnd = Math.min(head, length);
  const tailStart = tail > 0 ? Math.max(0, length - tail) : length;
  if (at >= headEnd && at + n <= tailStart) return;
  for (let i = 0; i < n; i++) {
    const k = at + i;
    let g = 1;
    if (k < headEnd) g = 0.5 - 0.5 * Math.cos((Math.PI * (k + 0.5)) / head);
    if (k >= tailStart) g = Math.min(g, 0.5 - 0.5 * Math.cos((Math.PI * (length - k - 0.5)) / tail));
    if (g === 1) continue;
    for (const channel of channels) channel[i]! *= g;
  }
}
