import * as Tone from 'tone';

/**
 * Plays `player` from `offset` (seconds into its file) at `when` until `until` (both
 * AudioContext seconds, as Tone.now()), for a transport at `rate` (a GrainPlayer away from 1x,
 * the plain Player at 1x). Two quirks of Tone.js 15 are met here:
 * - a GrainPlayer reads its start offset at its grain clock's rate (it would start `rate` times
 *   further in), so the offset is given in its terms;
 * - a looping Player's `stop(time)` moves the stop of every source it still holds, the ones a
 *   `stop()` has just silenced among them, and they went on playing under the new one (a
 *   doubled, phasing sound after every restart); so a Player's end is given to this start alone.
 */
export function startPlayer(
  player: Tone.Player | Tone.GrainPlayer,
  when: number,
  offset: number,
  until: number,
  rate: number,
): void {
  if (player instanceof Tone.GrainPlayer) {
    player.start(when, offset / rate);
    player.stop(until);
  } else player.start(when, offset, Math.max(0, until - when));
}
