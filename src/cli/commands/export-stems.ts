import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clockTime } from '../../../cues/sidecars/timecode.ts';
import { counted } from '../../../cues/text/counted.ts';
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
  /** The mix is delivered by another export (another format): its WAV here is written aside and removed. */
  setAside?: boolean;
}

/**
 * `cuewright export PROJECT.cwproj -o MIX.wav --stems DIR`: an assembled drama's mix and a WAV per
 * lane. With `setAside` the mix goes to a temporary WAV, removed after (another export delivers it).
 */
export async function runExportStems(args: ExportStemsArgs, io: Io): Promise<void> {
  const aside = args.setAside ? await mkdtemp(join(tmpdir(), 'cuewright-mix-')) : undefined;
  const output = aside ? join(aside, 'mix.wav') : args.output;
  if (!output) throw new UsageError('export --stems needs -o MIX (.wav, or any export format)');
  try {
    const result = await exportStems(
      args.project,
      output,
      args.stems,
      args.noLevel ? { level: false } : {},
      (line) => io.err(`cuewright: ${line}\n`),
    );
    if (args.json) {
      io.out(toJson({ ...(aside ? {} : { mix: output }), stems: args.stems, ...result }));
      return;
    }
    const lanes = `${counted(result.lanes.length, 'stem')} in ${args.stems}: ${result.lanes.map((l) => l.name).join(', ')}`;
    io.out(
      aside
        ? `wrote ${lanes}\n`
        : `wrote ${output} (${clockTime(result.seconds)}, ${result.rate} Hz) and ${lanes}\n`,
    );
    if (!aside) io.out(laneReport(result));
  } finally {
    if (aside) await rm(aside, { recursive: true, force: true });
  }
}
