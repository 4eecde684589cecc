import { resolve } from 'node:path';
import { BedMixer, type PlacedBed } from '../../audio/mix/bed-mixer.ts';
import { duckingPoints } from '../../audio/mix/ducking.ts';
import type { PcmAudio, PcmSink } from '../../audio/pcm.ts';
import { Resampler } from '../../audio/resample.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { type AudioInfo, type ProbedAudio, type Progress, streamAudio } from '../audio-io/audio-source.ts';
import { decodeAudioFile } from '../audio-io/decode-audio-file.ts';

/**
 * The sheet's music beds decoded and brought to the narration's rate, with their ducking. Beds
 * are songs and stings (minutes), so they are held in memory; the narration still streams.
 */
export async function loadBeds(sheet: CueSheet, sampleRate: number, baseDir = '.'): Promise<PlacedBed[]> {
  const placed: PlacedBed[] = [];
  for (const bed of sheet.beds ?? []) {
    const decoded = await decodeAudioFile(resolve(baseDir, bed.path));
    placed.push({
      audio: decoded.sampleRate === sampleRate ? decoded : resampleWhole(decoded, sampleRate),
      startFrame: Math.round(bed.start * sampleRate),
      points: duckingPoints(sheet, bed),
    });
  }
  return placed;
}

function resampleWhole(audio: PcmAudio, sampleRate: number): PcmAudio {
  const resampler = new Resampler(audio.sampleRate, sampleRate, audio.channels.length);
  const parts = [resampler.push(audio.channels), resampler.flush()];
  const total = parts.reduce((n, p) => n + (p[0]?.length ?? 0), 0);
  const channels = audio.channels.map((_, c) => {
    const out = new Float32Array(total);
    let at = 0;
    for (const part of parts) {
      out.set(part[c]!, at);
      at += part[c]!.length;
    }
    return out;
  });
  return { sampleRate, channels };
}

/** Streams the narration with the beds mixed in (before any meter or encoder sees it). */
export function streamMixed(
  probe: ProbedAudio,
  beds: PlacedBed[],
  sinks: PcmSink[],
  onProgress?: Progress,
): Promise<AudioInfo> {
  if (beds.length === 0) return streamAudio(probe, sinks, onProgress);
  const mixer = new BedMixer(beds, probe.sampleRate);
  const stage: PcmSink = {
    async push(channels) {
      mixer.mix(channels);
      for (const sink of sinks) await sink.push(channels);
    },
  };
  return streamAudio(probe, [stage], onProgress);
}
