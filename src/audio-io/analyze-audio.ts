import { type AcxReport, acxReport } from '../../audio/acx.ts';
import { LoudnessMeter } from '../../audio/loudness/loudness-meter.ts';
import { EnergyEnvelope } from '../../audio/silence/energy-envelope.ts';
import { findPauses, type Pause } from '../../audio/silence/find-pauses.ts';
import { FORMAT_NAMES } from '../../audio/sniff-format.ts';
import { type Progress, probeAudio, streamAudio } from './audio-source.ts';

export interface AudioAnalysis {
  format: string;
  duration: number;
  sampleRate: number;
  channels: number;
  loudness: { integrated: number | null; range: number; truePeak: number | null; samplePeak: number | null };
  acx: AcxReport;
  pauses: Pause[];
}

/** One decoding pass: loudness (BS.1770-4), ACX checks and pauses, in bounded memory. */
export async function analyzeAudio(path: string, onProgress?: Progress): Promise<AudioAnalysis> {
  const probe = await probeAudio(path);
  const meter = new LoudnessMeter(probe.sampleRate, probe.channels);
  const envelope = new EnergyEnvelope(probe.sampleRate);
  const info = await streamAudio(probe, [meter, envelope], onProgress);
  const loudness = meter.result();
  return {
    format: FORMAT_NAMES[info.format],
    duration: round(info.frames / info.sampleRate, 3),
    sampleRate: info.sampleRate,
    channels: info.channels,
    loudness: {
      integrated: finiteOrNull(loudness.integrated),
      range: round(loudness.range),
      truePeak: finiteOrNull(loudness.truePeak),
      samplePeak: finiteOrNull(loudness.samplePeak),
    },
    acx: roundAcx(acxReport(envelope)),
    pauses: findPauses(envelope).map((p) => ({ start: round(p.start, 3), end: round(p.end, 3) })),
  };
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** JSON has no -Infinity: silence has no loudness. */
function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? round(x) : null;
}

function roundAcx(report: AcxReport): AcxReport {
  return {
    ...report,
    rms: round(report.rms),
    peak: round(report.peak),
    noiseFloor: round(report.noiseFloor),
  };
}
