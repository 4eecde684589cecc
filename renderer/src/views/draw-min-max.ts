// Waveform drawing shared by the timeline (as wavesurfer's renderFunction) and the overview strip.

/**
 * Interleaved min/max peaks as one bar per pixel column (device pixels), in one path and one fill.
 * wavesurfer hands each canvas a slice that may start on a max rather than a min, so every value
 * counts towards both ends of its column's bar.
 */
export function drawMinMax(
  values: Float32Array | number[],
  ctx: CanvasRenderingContext2D,
  maxPeak: number,
): void {
  const { width, height } = ctx.canvas;
  const count = values.length;
  if (width === 0 || count === 0) return;
  const middle = height / 2;
  const scale = middle / Math.max(1e-6, maxPeak);
  ctx.beginPath();
  for (let x = 0; x < width; x++) {
    const from = Math.floor((x * count) / width);
    const to = Math.max(from + 1, Math.floor(((x + 1) * count) / width));
    let min = 0;
    let max = 0;
    for (let i = from; i < to && i < count; i++) {
      const v = values[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    ctx.rect(x, middle - max * scale, 1, Math.max(1, (max - min) * scale));
  }
  ctx.fill();
}
