import {
  correctForDelivered,
  type GainPlan,
  type LoudnessTarget,
} from '../../audio/export/loudness-target.ts';
import { LoudnessMeter, type LoudnessResult } from '../../audio/loudness/loudness-meter.ts';
import { probeAudio, streamAudio } from '../audio-io/audio-source.ts';
import type { PartFile } from '../io/part-file.ts';

// A loudness target is met by the delivered file, not by the samples sent to the encoder: the
// encoded file is decoded back and measured, and re-encoded with a corrected gain until it lands
// within DELIVERY_TOLERANCE of the target with its true peak under the ceiling.

/** Encodes after the first correct the gain; more than two never was needed. */
const MAX_ROUNDS = 3;

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
  for (let round = 1; ; round++) {
    const part = await newPart();
    try {
      await encode(part, plan);
      if (!target || !plan) return { part, ...(plan ? { gain: plan } : {}) };
      const delivered = await measureFile(part.path);
      const next = round < MAX_ROUNDS ? correctForDelivered(plan, delivered, target, options) : undefined;
      if (!next) return { part, gain: plan, delivered };
      plan = next;
    } catch (error) {
      await part.discard();
      throw error;
    }
    await part.discard();
  }
}
