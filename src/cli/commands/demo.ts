import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadScript } from '../../io/read-script-file.ts';
import { type Io, toJson, writeOutput } from '../output.ts';
import { SAMPLE_SCRIPT } from '../sample.ts';
import { summarizeSheet } from '../summarize-sheet.ts';

export interface DemoArgs {
  outDir: string;
}

/** The sample production, headless: the seed chapter read into a cue sheet in ./out/. */
export async function runDemo(args: DemoArgs, io: Io): Promise<void> {
  await mkdir(args.outDir, { recursive: true });
  const { sheet } = await loadScript(SAMPLE_SCRIPT);
  const cuesPath = join(args.outDir, 'sample.cues.json');
  await writeOutput(cuesPath, toJson(sheet));
  io.out(summarizeSheet(sheet));
  io.out(`\nwrote ${cuesPath}\n`);
}
