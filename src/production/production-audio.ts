import { DeliveryConverter } from '../../audio/export/delivery-converter.ts';
import type { PcmSink } from '../../audio/pcm.ts';
import { fadeEdges, JOIN_FADE } from '../../audio/production/edge-fade.ts';
import type { ProductionLayout } from '../../audio/production/join-gaps.ts';
import { roomTone } from '../../audio/silence/room-tone.ts';
import type { AudioInfo, ProbedAudio, Progress, StreamFrom } from '../audio-io/audio-source.ts';
import { streamAudio } from '../audio-io/audio-source.ts';
import type { SurveyedRecording } from './survey-recording.ts';

// The recordings of a production as one stream, in order, at one rate and channel count: each
// file converted without delay (so a time inside a file stays exact), room tone between them where
// the layout puts it, and every join faded over 5 ms so no step is heard. Memory: one block and
// half a second of room tone; the files are decoded one after another. A pass asked to begin
// mid-production (a parallel encoder's stretch) starts at the join before it: the files before
// are not decoded at all, and every frame from there is what a whole pass gives (each file has
// its own converter, and room tone and fades depend on the join alone).

/** The production's rate and channels: the highest rate and the most channels (up to two) of its files. */
export function productionShape(files: SurveyedRecording[]): { sampleRate: number; channels: number } {
  return {
    sampleRate: Math.max(...files.map((f) => f.probe.sampleRate)),
    channels: Math.min(2, Math.max(...files.map((f) => f.probe.channels))),
  };
}

/** Blocks of room tone are made this long at most, frames. */
const TONE_BLOCK = 1 << 15;

/**
 * A source that export and alignment stream like a file (audio-source.ts `stream`). Its `path`
 * names the first file and the count, for messages.
 */
export function productionAudio(files: SurveyedRecording[], layout: ProductionLayout): ProbedAudio {
  const shape = { sampleRate: layout.sampleRate, channels: productionShape(files).channels };
  const fade = Math.round(JOIN_FADE * shape.sampleRate);
  const info: AudioInfo = { format: 'wav', ...shape, frames: layout.frames };
  const stream = async (sinks: PcmSink[], onProgress?: Progress, from?: StreamFrom): Promise<AudioInfo> => {
    // The last join (its room tone first) at or before `from.at`.
    let first = 0;
    for (const [i] of files.entries()) if (from && layout.starts[i]! - layout.gaps[i]! <= from.at) first = i;
    let emitted = layout.starts[first]! - layout.gaps[first]!;
    if (first > 0) from!.started(emitted);
    const emit = async (channels: Float32Array[]) => {
      if ((channels[0]?.length ?? 0) === 0) return;
      emitted += channels[0]!.length;
      for (const sink of sinks) await sink.push(channels);
    };
    for (const [i, file] of files.entries()) {
      if (i < first) continue;
      const gap = layout.gaps[i]!;
      if (gap > 0) await emitRoomTone(toneFor(files, i, shape), shape.channels, gap, fade, emit);
      const length = layout.lengths[i]!;
      const converter = new DeliveryConverter(file.probe, shape);
      let at = 0;
      // Exactly the layout's length: the converter's tail is cut or padded to it (a frame at most).
      const piece = async (channels: Float32Array[]) => {
        const n = Math.min(channels[0]?.length ?? 0, length - at);
        if (n <= 0) return;
        const block = channels.map((c) => (c.length === n ? c : c.subarray(0, n)));
        // Faded only at a real join: the production's own start and end stay as recorded.
        fadeEdges(block, at, length, i === 0 ? 0 : fade, i === files.length - 1 ? 0 : fade);
        at += n;
        await emit(block);
      };
      await streamAudio(file.probe, [{ push: (c) => piece(converter.push(c)) }], (f) =>
        onProgress?.((layout.starts[i]! + f * length) / layout.frames),
      );
      await piece(converter.flush());
      if (at < length)
        await piece(Array.from({ length: shape.channels }, () => new Float32Array(length - at)));
    }
    onProgress?.(1);
    return { ...info, frames: emitted };
  };
  return {
    ...info,
    path: files.length === 1 ? files[0]!.path : `${files[0]!.path} (and ${files.length - 1} more recordings)`,
    size: files.reduce((n, f) => n + f.probe.size, 0),
    exactFrames: true,
    starts: files.map((_, i) => layout.starts[i]! - layout.gaps[i]!),
    stream,
  };
}

/** Room tone for the join before file `i`: the quieter of its neighbours' quietest half seconds. */
function toneFor(
  files: SurveyedRecording[],
  i: number,
  shape: { sampleRate: number; channels: number },
): Float32Array[] | undefined {
  const energy = (w: Float32Array[] | undefined) =>
    w ? w.reduce((n, c) => n + c.reduce((m, x) => m + x * x, 0), 0) / (w[0]!.length * w.length) : Infinity;
  const before = files[i - 1];
  const after = files[i];
  const pick = [before, after]
    .filter((f) => f?.roomTone)
    .sort((a, b) => energy(a!.roomTone) - energy(b!.roomTone))[0];
  if (!pick?.roomTone) return undefined;
  const converter = new DeliveryConverter(pick.probe, shape);
  const out = converter.push(pick.roomTone);
  const tail = converter.flush();
  return out.map((c, k) => {
    const joined = new Float32Array(c.length + (tail[k]?.length ?? 0));
    joined.set(c);
    if (tail[k]) joined.set(tail[k]!, c.length);
    return joined;
  });
}

async function emitRoomTone(
  window: Float32Array[] | undefined,
  channels: number,
  frames: number,
  fade: number,
  emit: (channels: Float32Array[]) => Promise<void>,
): Promise<void> {
  const all = roomTone(window, channels, frames);
  for (let at = 0; at < frames; at += TONE_BLOCK) {
    const block = all.map((c) => c.subarray(at, Math.min(frames, at + TONE_BLOCK)));
    fadeEdges(block, at, frames, fade);
    await emit(block);
  }
}
