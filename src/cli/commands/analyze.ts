import { analyzeAudio } from '../../audio-io/analyze-audio.ts';
import { type Io, toJson } from '../output.ts';
import { progressBar } from '../progress-bar.ts';

export interface AnalyzeArgs {
  audio: string;
  json: boolean;
}

export async function runAnalyze(args: AnalyzeArgs, io: Io): Promise<void> {
  const progress = progressBar('analyzing');
  const report = await analyzeAudio(args.audio, progress).finally(() => progress.done());
  if (args.json) {
    io.out(toJson(report));
    return;
  }
  const db = (x: number | null, unit: string) => (x === null ? 'silent' : `${x.toFixed(1)} ${unit}`);
  io.out(
    [
      `${args.audio}: ${report.format}, ${report.duration.toFixed(1)} s, ${report.sampleRate} Hz, ${report.channels} ch`,
      `loudness: ${db(report.loudness.integrated, 'LUFS')} integrated, ${report.loudness.range.toFixed(1)} LU range, ${db(report.loudness.truePeak, 'dBTP')} true peak`,
      `ACX: ${report.acx.pass ? 'pass' : 'FAIL'} (RMS ${report.acx.rms.toFixed(1)} dB, peak ${report.acx.peak.toFixed(1)} dB, noise floor ${report.acx.noiseFloor.toFixed(1)} dB)`,
      ...report.acx.problems.map((p) => `  - ${p}`),
      `pauses: ${report.pauses.length}`,
      '',
    ].join('\n'),
  );
}
