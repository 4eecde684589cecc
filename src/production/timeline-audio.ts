import { DeliveryConverter } from '../../audio/export/delivery-converter.ts';
import type { PcmSink } from '../../audio/pcm.ts';
import { fadeEdges, JOIN_FADE } from '../../audio/production/edge-fade.ts';
import { roomTone } from '../../audio/silence/room-tone.ts';
import { type Clip, placeClips } from '../../cues/production/timeline.ts';
import { counted } from '../../cues/text/counted.ts';
import {
  type AudioInfo,
  type ProbedAudio,
  type Progress,
  type StreamFrom,
  streamAudio,
} from '../audio-io/audio-source.ts';
import type { SurveyedRecording } from './survey-recording.ts';

// An edited timeline as one stream: each clip a stretch of its recording (converted to one rate
// and channel count without delay, then cut, so times inside a recording stay exact), at its own
// gain; room tone in a gap; where a clip overlaps the one before (a pickup's crossfade), the two
// are mixed across the overlap, one fading out as the other fades in. Joins without a crossfade
// are faded over 5 ms. Memory: a block, the overlap and half a second of room tone. A pass asked
// to begin mid-timeline (a parallel encoder's stretch) starts at the last hard join before it (no
// crossfade carries into it), the clips before not decoded; every frame from there is a whole
// pass's.

class Enough extends Error {}

/** Frames of each clip on the timeline at `sampleRate`: where it starts and how long it is. */
export function clipFrames(clips: Clip[], sampleRate: number): Array<{ start: number; length: number }> {
  return placeClips(clips).map((c) => ({
    start: Math.round(c.at * sampleRate),
    length: Math.round((c.to - c.from) * sampleRate),
  }));
}

export function timelineAudio(
  clips: Clip[],
  recordings: Map<string, SurveyedRecording>,
  shape: { sampleRate: number; channels: number },
): ProbedAudio {
  const frames = clipFrames(clips, shape.sampleRate);
  const total = Math.max(...frames.map((f) => f.start + f.length));
  const fade = Math.round(JOIN_FADE * shape.sampleRate);
  const info: AudioInfo = { format: 'wav', ...shape, frames: total };
  const stream = async (sinks: PcmSink[], onProgress?: Progress, from?: StreamFrom): Promise<AudioInfo> => {
    // Where clip i's gap begins (the end of the clip before), when no crossfade joins the two.
    const hardJoin = (i: number) => {
      if (i === 0) return 0;
      const end = frames[i - 1]!.start + frames[i - 1]!.length;
      return end <= frames[i]!.start ? end : undefined;
    };
    let firstClip = 0;
    for (const [i] of clips.entries()) {
      const join = hardJoin(i);
      if (from && join !== undefined && join <= from.at) firstClip = i;
    }
    let position = hardJoin(firstClip)!;
    if (firstClip > 0) from!.started(position);
    let held: Float32Array[] | undefined; // the previous clip's tail under the next clip's head
    const emit = async (channels: Float32Array[]) => {
      const n = channels[0]?.length ?? 0;
      if (n === 0) return;
      position += n;
      for (const sink of sinks) await sink.push(channels);
    };
    for (const [i, clip] of clips.entries()) {
      if (i < firstClip) continue;
      const { start, length } = frames[i]!;
      const source = recordings.get(clip.recording)!;
      const next = frames[i + 1];
      const overlapNext = next ? Math.max(0, start + length - next.start) : 0;
      const overlapPrev = held?.[0]?.length ?? 0;
      if (start > position)
        await emitTone(
          tone(source, recordings.get(clips[i - 1]?.recording ?? '')),
          start - position,
          fade,
          shape,
          emit,
        );
      const gain = 10 ** ((clip.gainDb ?? 0) / 20);
      const underFrom = clip.roomTone ? recordings.get(clip.roomTone.recording) : undefined;
      const underWindow = underFrom?.roomTone ? convertedTone(underFrom, shape) : undefined;
      const under =
        clip.roomTone && underWindow
          ? { window: underWindow, linear: 10 ** (clip.roomTone.gainDb / 20) }
          : undefined;
      const first = Math.round(clip.from * shape.sampleRate);
      let at = 0; // frames of this clip produced
      let seen = 0; // converted frames of the recording seen
      const tail = Array.from({ length: shape.channels }, () => new Float32Array(overlapNext));
      const take = async (channels: Float32Array[]) => {
        const n = channels[0]?.length ?? 0;
        const a = Math.max(first, seen);
        const b = Math.min(first + length, seen + n);
        seen += n;
        if (b <= a) {
          if (seen >= first + length) throw new Enough();
          return;
        }
        const block = channels.map((c) => c.slice(a - (seen - n), b - (seen - n)));
        if (gain !== 1) for (const c of block) for (let k = 0; k < c.length; k++) c[k]! *= gain;
        if (under) mixTiled(block, under.window, at, under.linear);
        // Hard joins fade 5 ms; crossfaded ones are shaped by the crossfade below.
        fadeEdges(
          block,
          at,
          length,
          i > 0 && overlapPrev === 0 ? fade : 0,
          next && overlapNext === 0 ? fade : 0,
        );
        await place(block);
        if (seen >= first + length) throw new Enough();
      };
      const place = async (block: Float32Array[]) => {
        const n = block[0]!.length;
        let k = 0;
        // The head under the previous clip's held tail: mixed, the tail fading out as this fades in.
        while (k < n && at < overlapPrev) {
          const g = (at + 0.5) / overlapPrev;
          for (let c = 0; c < block.length; c++) block[c]![k] = block[c]![k]! * g + held![c]![at]! * (1 - g);
          k++;
          at++;
        }
        const keepFrom = length - overlapNext;
        const bodyEnd = Math.min(n, k + Math.max(0, keepFrom - at));
        if (bodyEnd > 0) await emit(block.map((c) => c.subarray(0, bodyEnd)));
        at += bodyEnd - k;
        // The last frames wait for the next clip's head.
        for (let m = bodyEnd; m < n; m++, at++)
          for (let c = 0; c < block.length; c++) tail[c]![at - keepFrom] = block[c]![m]!;
      };
      const converter = new DeliveryConverter(source.probe, shape);
      await streamAudio(source.probe, [{ push: (c) => take(converter.push(c)) }], (f) =>
        onProgress?.(Math.min(1, (start + f * length) / total)),
      ).catch((error: unknown) => {
        if (!(error instanceof Enough)) throw error;
      });
      if (at < length) {
        await take(converter.flush()).catch((error: unknown) => {
          if (!(error instanceof Enough)) throw error;
        });
        if (at < length)
          await place(Array.from({ length: shape.channels }, () => new Float32Array(length - at)));
      }
      held = overlapNext > 0 ? tail : undefined;
    }
    onProgress?.(1);
    return { ...info, frames: position };
  };
  return {
    ...info,
    path: `${recordings.get(clips[0]!.recording)!.path} (a timeline of ${counted(clips.length, 'clip')})`,
    size: [...recordings.values()].reduce((n, r) => n + r.probe.size, 0),
    stream,
  };
}

/** The quieter room tone of the two recordings at a gap. */
function tone(
  a: SurveyedRecording,
  b: SurveyedRecording | undefined,
): { window: Float32Array[]; from: SurveyedRecording } | undefined {
  const energy = (w: Float32Array[] | undefined) =>
    w ? w.reduce((n, c) => n + c.reduce((m, x) => m + x * x, 0), 0) / (w[0]!.length * w.length) : Infinity;
  const pick = [a, b].filter((r) => r?.roomTone).sort((x, y) => energy(x!.roomTone) - energy(y!.roomTone))[0];
  return pick?.roomTone ? { window: pick.roomTone, from: pick } : undefined;
}

async function emitTone(
  source: { window: Float32Array[]; from: SurveyedRecording } | undefined,
  frames: number,
  fade: number,
  shape: { sampleRate: number; channels: number },
  emit: (c: Float32Array[]) => Promise<void>,
): Promise<void> {
  const window = source ? convertedTone(source.from, shape) : undefined;
  const all = roomTone(window, shape.channels, frames);
  fadeEdges(all, 0, frames, fade);
  await emit(all);
}

/** A recording's room tone (half a second) at the timeline's rate and channels, converted whole. */
function convertedTone(
  from: SurveyedRecording,
  shape: { sampleRate: number; channels: number },
): Float32Array[] | undefined {
  if (!from.roomTone) return undefined;
  const converter = new DeliveryConverter(from.probe, shape);
  const head = converter.push(from.roomTone);
  const rest = converter.flush();
  return head.map((c, k) => {
    const joined = new Float32Array(c.length + (rest[k]?.length ?? 0));
    joined.set(c);
    if (rest[k]) joined.set(rest[k]!, c.length);
    return joined;
  });
}

/**
 * Adds `window` tiled forward, backward, forward… (as room-tone.ts tiles it, so laps join without
 * a step) at `linear` under the block, which starts `at` frames into its clip.
 */
function mixTiled(block: Float32Array[], window: Float32Array[], at: number, linear: number): void {
  const n = window[0]?.length ?? 0;
  if (n === 0) return;
  for (let c = 0; c < block.length; c++) {
    const out = block[c]!;
    const source = window[c % window.length]!;
    for (let i = 0; i < out.length; i++) {
      const t = at + i;
      const lap = Math.floor(t / n);
      const k = t % n;
      out[i]! += linear * source[lap % 2 === 0 ? k : n - 1 - k]!;
    }
  }
}
