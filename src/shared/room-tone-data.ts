/**
 * A recording's room tone as the back end hands it to the page (the `roomTone` call): the quietest
 * half second of the file, which the export tiles into the gaps between recordings and under a
 * pickup, so the preview can play the same instead of silence.
 */
export interface RoomToneData {
  /** Hz: the recording's own rate. */
  sampleRate: number;
  channels: number;
  /** Frames per channel (half a second at `sampleRate`). */
  frames: number;
  /** Its RMS level, dBFS (the export uses the quieter of two neighbours' room tone). */
  rmsDb: number;
  /** Planar float32, little-endian: channel 0's `frames` samples, then channel 1's… */
  data: Uint8Array;
}
