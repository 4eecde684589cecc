// Waveform drawing shared by the timeline (viewport-waveform.ts) and the overview strip.

/**
 * Interleaved min/max peaks as one bar per pixel column (device pixels), in one path and one
 * fill. The pairs `from` to `to` (fractional, default all) are spread over the canvas width;
 * every value counts towards both ends of its column's bar, so a window may start anywhere.
 */
export function drawMinMax(
  values: Float32Array,
  ctx: CanvasRenderingContext2D,
  maxPeak: number,
  from = 0,
  to = values.length / 2,
): void {
  const { width, height } = ctx.canvas;
  const count = values.length;
  if (width === 0 || count === 0 || !(to > from)) return;
  const middle = height / 2;
  const scale = middle / Math.max(1e-6, maxPeak);
  const pairsPerColumn = (to - from) / width;
  ctx.beginPath();
  for (let x = 0; x < width; x++) {
    const first = Math.floor(from + x * pairsPerColumn);
    const last = Math.max(first + 1, Math.floor(from + (x + 1) * pairsPerColumn));
    let min = 0;
    let max = 0;
    for (let i = Math.max(0, 2 * first); i < 2 * last && i < count; i++) {
      const v = values[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (2 * first < count) ctx.rect(x, middle - max * scale, 1, Math.max(1, (max - min) * scale));
  }
  ctx.fill();
}
