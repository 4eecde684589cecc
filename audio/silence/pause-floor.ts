// A recording's room tone as one level: the quietest 50 ms of its pauses, digital silence left out
// (an edit's zeroed gap is no room). Measured the same way on a three-second pickup and on the
// reading it replaces, so the two compare; a half-second window finds no pause in a short pickup.

const WINDOW_SECONDS = 0.05;
const HOP_SECONDS = 0.01;
/** Mean square below this (-100 dBFS) is digital silence, not room tone. */
const DIGITAL_SILENCE = 1e-10;

/** dBFS of the quietest window that is not digital silence; -Infinity when every window is. */
export function pauseFloorDb(channels: Float32Array[], sampleRate: number): number {
  const length = channels[0]?.length ?? 0;
  const size = Math.max(1, Math.round(WINDOW_SECONDS * sampleRate));
  const hop = Math.max(1, Math.round(HOP_SECONDS * sampleRate));
  let best = Number.POSITIVE_INFINITY;
  for (let at = 0; at + size <= length; at += hop) {
    let e = 0;
    for (const c of channels) for (let i = at; i < at + size; i++) e += c[i]! * c[i]!;
    const power = e / (size * channels.length);
    if (power >= DIGITAL_SILENCE && power < best) best = power;
  }
  return Number.isFinite(best) ? 10 * Math.log10(best) : Number.NEGATIVE_INFINITY;
}
