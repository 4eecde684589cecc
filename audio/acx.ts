import { dbfs } from './pcm.ts';
import { type EnergyEnvelope, quietestWindowRms } from './silence/energy-envelope.ts';

/**
 * ACX (Audible) submission checks: RMS -23..-18 dB, peak <= -3 dB, noise floor <= -60 dB, measured
 * on the quietest half second; a half second of digital silence (below -90 dBFS throughout) is named
 * as a problem, not passed as a perfect floor: ACX wants room tone in the pauses, never silence.
 */
export interface AcxReport {
  rms: number;
  peak: number;
  noiseFloor: number;
  pass: boolean;
  problems: string[];
}

const SILENT_DB = -120; // digital silence, kept finite so the report stays valid JSON
const DIGITAL_SILENCE_DB = -90; // no microphone and room is this quiet: zeros or near-zeros

export function acxReport(envelope: EnergyEnvelope): AcxReport {
  const rms = finite(dbfs(envelope.rms));
  const peak = finite(dbfs(envelope.samplePeak));
  const noiseFloor = finite(
    dbfs(quietestWindowRms(envelope.energies, Math.round(0.5 / envelope.frameSeconds))),
  );
  const problems: string[] = [];
  if (rms < -23 || rms > -18) problems.push(`RMS ${shown(rms)} dB is outside -23..-18 dB`);
  if (peak > -3) problems.push(`peak ${shown(peak)} dB is above -3 dB`);
  if (noiseFloor > -60) problems.push(`noise floor ${shown(noiseFloor)} dB is above -60 dB`);
  if (noiseFloor < DIGITAL_SILENCE_DB)
    problems.push('half a second or more of digital silence (ACX wants room tone, not silence)');
  return { rms, peak, noiseFloor, pass: problems.length === 0, problems };
}

/**
 * A figure as the report's readers print it: rounded to 0.01 dB (as `analyze` keeps it), then to
 * 0.1 (-52.949 read "-53.0" in analyze's summary and "-52.9" in its problem line).
 */
function shown(db: number): string {
  return (Math.round(db * 100) / 100).toFixed(1);
}

function finite(db: number): number {
  return Number.isFinite(db) ? Math.max(SILENT_DB, db) : SILENT_DB;
}
