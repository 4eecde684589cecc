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

/** Loops `player` over the span's part of its file (from its trimmed start to the file's end), or not. */
export function loopSpan(
  player: Tone.Player | Tone.GrainPlayer,
  span: { loop: boolean; offset: number },
  fileSeconds: number,
): void {
  player.loop = span.loop;
  if (span.loop) {
    player.loopStart = span.offset;
    player.loopEnd = fileSeconds;
  }
}

/** A file's players in the preview: its buffer, what it plays into, and the players made for it. */
export interface PlayerSlot {
  buffer: Tone.ToneAudioBuffer;
  player: Tone.Player;
  /** Made on the first play away from 1x. */
  grains?: Tone.GrainPlayer;
  /** Where both players send their sound. */
  fade: Tone.Gain;
}

/**
 * The player for the next start at `rate`: at 1x a new plain Player (the last one let go), away
 * from 1x the slot's GrainPlayer (made once), which keeps the pitch. A Player started once keeps
 * the schedule of its earlier starts, and starting it again before one of them (played, paused
 * before the sound began, then sought into it) threw Tone's "time must be greater than or equal
 * to the last scheduled time" and left the sound silent.
 */
export function playerFor(slot: PlayerSlot, rate: number): Tone.Player | Tone.GrainPlayer {
  if (rate === 1) {
    slot.player.dispose();
    slot.player = new Tone.Player(slot.buffer);
    slot.player.connect(slot.fade);
    return slot.player;
  }
  if (!slot.grains) {
    slot.grains = new Tone.GrainPlayer(slot.buffer);
    slot.grains.connect(slot.fade);
  }
  slot.grains.playbackRate = rate;
  return slot.grains;
}
