import {
  correctForDelivered,
  type DeliveryRound,
  type GainPlan,
  type LoudnessTarget,
} from '../../audio/export/loudness-target.ts';
import { LoudnessMeter, type LoudnessResult } from '../../audio/loudness/loudness-meter.ts';
import { probeAudio, streamAudio } from '../audio-io/audio-source.ts';
import type { PartFile } from '../io/part-file.ts';

// A loudness target is met by the delivered file, not by the samples sent to the encoder: the
// encoded file is decoded back and measured, and re-encoded with a corrected gain until it lands
// within DELIVERY_TOLERANCE of the target with its true peak under the ceiling.

/**
 * Encodes at most. Codecs do not answer gain smoothly (a lower limiter ceiling can still meet a
 * transient the encoder overshoots by 2-3 dB), so the best encode so far is kept, not the last.
 */
const MAX_ROUNDS = 8;

export interface Delivered {
  part: PartFile;
  gain?: GainPlan;
  /** The delivered file as our decoder measures it (BS.1770-4); absent without a target. */
  delivered?: LoudnessResult;
}

/** Integrated loudness and true peak of a file, decoded. */
export async function measureFile(path: string): Promise<LoudnessResult> {
  const probe = await probeAudio(path);
  const meter = new LoudnessMeter(probe.sampleRate, probe.channels);
  await streamAudio(probe, [meter]);
  return meter.result();
}

/**
 * Encodes into a fresh part file with `gain`; with a target, measures the result and encodes again
 * with the corrected gain while it misses. Returns the last part (uncommitted) and what it measured.
 */
export async function encodeToTarget(
  target: LoudnessTarget | undefined,
  gain: GainPlan | undefined,
  options: { limit?: boolean },
  newPart: () => Promise<PartFile>,
  encode: (part: PartFile, gain: GainPlan | undefined) => Promise<void>,
): Promise<Delivered> {
  let plan = gain;
  let best: (Required<Delivered> & { miss: number }) | undefined;
  let previous: DeliveryRound | undefined;
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const part = await newPart();
    let delivered: LoudnessResult;
    try {
      await encode(part, plan);
      if (!target || !plan) return { part, ...(plan ? { gain: plan } : {}) };
      delivered = await measureFile(part.path);
    } catch (error) {
      await part.discard();
      await best?.part.discard();
      throw error;
    }
    const miss = missOf(delivered, target);
    if (!best || miss < best.miss) {
      await best?.part.discard();
      best = { part, gain: plan, delivered, miss };
    } else await part.discard();
    const next = correctForDelivered(plan, delivered, target, options, previous);
    if (!next) break;
    previous = { plan, delivered };
    plan = next;
  }
  return best!;
}

/** How far a delivered file is from its target: any true-peak excess first, then loudness. */
function missOf(delivered: LoudnessResult, target: LoudnessTarget): number {
  const excess = delivered.truePeak - target.truePeakCeiling;
  const short = Math.abs(target.integrated - delivered.integrated);
  return excess > 0 ? 100 + excess : Number.isFinite(short) ? short : 0;
}
