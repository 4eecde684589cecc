import { resolve } from 'node:path';
import { BedMixer, type PlacedBed } from '../../audio/mix/bed-mixer.ts';
import { bedSpan, spanReader } from '../../audio/mix/bed-span.ts';
import { duckingPoints } from '../../audio/mix/ducking.ts';
import type { PcmSink } from '../../audio/pcm.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import {
  type AudioInfo,
  type ProbedAudio,
  type Progress,
  probeAudio,
  type StreamFrom,
  streamAudio,
} from '../audio-io/audio-source.ts';
import { openBedReader } from './bed-reader.ts';

/**
 * The sheet's music beds, placed with their ducking. Each is probed now (a file that is no audio
 * is named before any work) and streamed at the narration's rate on every pass, never held whole.
 */
export async function loadBeds(sheet: CueSheet, sampleRate: number, baseDir = '.'): Promise<PlacedBed[]> {
  const placed: PlacedBed[] = [];
  for (const bed of sheet.beds ?? []) {
    const probe = await probeAudio(resolve(baseDir, bed.path));
    // A compressed file's stated length may be missing (0): the span is then open-ended.
    const span = bedSpan(bed, probe.frames > 0 ? probe.frames / probe.sampleRate : Number.POSITIVE_INFINITY);
    const frames = (seconds: number) => Math.round(seconds * sampleRate);
    placed.push({
      open: () =>
        spanReader(
          () => openBedReader(probe, sampleRate),
          frames(span.offset),
          frames(span.length),
          span.loop,
        ),
      startFrame: frames(bed.start),
      points: duckingPoints(sheet, bed),
      span,
    });
  }
  return placed;
}

/** Streams the narration with the beds mixed in (before any meter or encoder sees it). */
export async function streamMixed(
  probe: ProbedAudio,
  beds: PlacedBed[],
  sinks: PcmSink[],
  onProgress?: Progress,
  from?: StreamFrom,
): Promise<AudioInfo> {
  // With beds the pass starts at 0: a bed is mixed by its place from the start.
  if (beds.length === 0) return streamAudio(probe, sinks, onProgress, from);
  const mixer = new BedMixer(beds, probe.sampleRate);
  const stage: PcmSink = {
    async push(channels) {
      await mixer.mix(channels);
      for (const sink of sinks) await sink.push(channels);
    },
  };
  try {
    return await streamAudio(probe, [stage], onProgress);
  } finally {
    // However the pass ends (done, cancelled, a segment filled), the beds' decoders stop.
    await mixer.close();
  }
}
