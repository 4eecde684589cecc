import { resolve } from 'node:path';
import { clockTime } from '../../../cues/sidecars/timecode.ts';
import { counted } from '../../../cues/text/counted.ts';
import { ALIGN_ENGINES, type AlignEngine } from '../../align/align-recording.ts';
import { loadScript } from '../../io/read-script-file.ts';
import { alignProduction } from '../../production/align-production.ts';
import { PROJECT_EXTENSION, PROJECT_VERSION, type ProjectFile } from '../../project/project-schema.ts';
import { saveProject, storedAudioPath } from '../../project/project-store.ts';
import { UsageError } from '../cli-error.ts';
import { type Io, toJson, writeOutput } from '../output.ts';
import { progressBar } from '../progress-bar.ts';
import { checkFormat, refuseOverInputs } from './parse.ts';

export interface AlignProductionArgs {
  script: string;
  audio: string[];
  json: boolean;
  output?: string;
  format?: string;
  engine?: string;
  language?: string;
}

/**
 * `cuewright align SCRIPT A B C... [-o project.cwproj | -o cues.json]`: the script over every file
 * in order; prints which stretch of the script each file holds (a file holding none is named);
 * `-o *.cwproj` writes a project of the recordings with every cue placed on its file.
 */
export async function runAlignProduction(args: AlignProductionArgs, io: Io): Promise<void> {
  if (args.output)
    await refuseOverInputs(
      [args.output],
      [{ path: args.script, role: 'script' }, ...args.audio.map((path) => ({ path, role: 'recording' }))],
    );
  if (args.engine !== undefined && !(ALIGN_ENGINES as readonly string[]).includes(args.engine))
    throw new UsageError(`--engine must be one of ${ALIGN_ENGINES.join(', ')}, not "${args.engine}"`);
  const script = await loadScript(args.script, checkFormat(args.format));
  // The same file named twice is aligned twice: likely a slip, so said (as export says it).
  const named = args.audio.map((p) => resolve(p));
  for (const [i, p] of named.entries())
    if (named.indexOf(p) !== i)
      io.err(
        `warning: ${args.audio[i]} is given more than once: it is aligned as ${named.filter((q) => q === p).length} recordings\n`,
      );
  const bar = progressBar('aligning');
  const weights = {
    'listening to the recording': [0.1, 0.2],
    'reading the script': [0.3, 0.2],
    aligning: [0.5, 0.5],
  };
  const result = await alignProduction(script.sheet, args.audio, {
    ...(args.engine ? { engine: args.engine as AlignEngine } : {}),
    ...(args.language ? { language: args.language } : {}),
    onNotice: (message) => io.err(`cuewright: ${message}\n`),
    onSurvey: (f) => bar(0.1 * f),
    onProgress: (phase, f) => bar(weights[phase][0]! + weights[phase][1]! * f),
  }).finally(() => bar.done());
  const project: ProjectFile = {
    app: 'cuewright',
    version: PROJECT_VERSION,
    script: { path: resolve(args.script), text: script.text },
    recordings: result.recordings,
    placements: result.placements,
    sheet: result.sheet,
    savedAt: new Date().toISOString(),
  };
  if (args.output?.endsWith(PROJECT_EXTENSION)) {
    const path = args.output;
    const stored = {
      ...project,
      recordings: project.recordings.map((r) => ({ ...r, path: storedAudioPath(path, r.path) })),
    };
    await saveProject(path, stored);
  } else if (args.output) await writeOutput(args.output, toJson(result.sheet));
  if (args.json) {
    io.out(
      toJson({
        coverage: result.coverage,
        missing: result.missing,
        unscripted: result.unscripted,
        sheet: result.sheet,
      }),
    );
    return;
  }
  for (const file of result.coverage) {
    const held = file.first
      ? `"${file.first.text}…" to "${file.last!.text}…" (${file.cues} cues${file.flagged ? `, ${file.flagged} to review` : ''})`
      : '';
    io.out(
      file.problem
        ? `${file.path} (${clockTime(file.duration)}): ${file.problem}\n`
        : `${file.path} (${clockTime(file.duration)}): ${held}\n`,
    );
  }
  for (const title of result.missing)
    io.out(`missing: no file holds "${title}" (its cues unplaced, to review)\n`);
  for (const u of result.unscripted)
    io.out(
      `not in the script: ${u.path} ${clockTime(u.start)}-${clockTime(u.end)} (a slate? no cue covers it; headings moved off it are flagged)\n`,
    );
  const review = result.sheet.cues.filter((c) => c.review).length;
  if (review > 0)
    io.out(`${review} of ${counted(result.sheet.cues.length, 'cue')} to review (the JSON's "review")\n`);
  if (args.output) io.out(`wrote ${args.output}\n`);
}
