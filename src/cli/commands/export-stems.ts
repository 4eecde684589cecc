import { clockTime } from '../../../cues/sidecars/timecode.ts';
import { exportStems } from '../../production/export-stems.ts';
import { UsageError } from '../cli-error.ts';
import { type Io, toJson } from '../output.ts';
import { laneReport } from './export-drama.ts';

export interface ExportStemsArgs {
  project: string;
  output?: string;
  stems: string;
  json: boolean;
  /** Leave the dialogue lanes at their recorded levels. */
  noLevel: boolean;
}

/** `cuewright export PROJECT.cwproj -o MIX.wav --stems DIR`: an assembled drama's mix and a WAV per lane. */
export async function runExportStems(args: ExportStemsArgs, io: Io): Promise<void> {
  if (!args.output) throw new UsageError('export --stems needs -o MIX.wav for the mix');
  const result = await exportStems(
    args.project,
    args.output,
    args.stems,
    args.noLevel ? { level: false } : {},
    (line) => io.err(`cuewright: ${line}\n`),
  );
  if (args.json) {
    io.out(toJson({ mix: args.output, stems: args.stems, ...result }));
    return;
  }
  io.out(
    `wrote ${args.output} (${clockTime(result.seconds)}, ${result.rate} Hz) and ${result.lanes.length} stems in ${args.stems}: ${result.lanes.map((l) => l.name).join(', ')}\n`,
  );
  io.out(laneReport(result));
}
