/**
 * The channels of a block averaged into a new array (always a copy: a block is shared by every
 * sink of a stream and is only valid during the push, and some sinks filter in place).
 */
export function mixToMono(channels: Float32Array[]): Float32Array {
  const n = channels[0]?.length ?? 0;
  const mono = new Float32Array(n);
  for (const channel of channels) for (let i = 0; i < n; i++) mono[i]! += channel[i]! / channels.length;
  return mono;
}
