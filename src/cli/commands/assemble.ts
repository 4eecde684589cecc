import { resolve } from 'node:path';
import { clockTime } from '../../../cues/sidecars/timecode.ts';
import { spokenText } from '../../../cues/spoken-text.ts';
import { loadScript } from '../../io/read-script-file.ts';
import { assembleDrama } from '../../production/assemble-drama.ts';
import { PROJECT_EXTENSION, PROJECT_VERSION, type ProjectFile } from '../../project/project-schema.ts';
import { saveProject, storedAudioPath } from '../../project/project-store.ts';
import { UsageError } from '../cli-error.ts';
import { type Io, toJson } from '../output.ts';
import { checkFormat, refuseOverInputs } from './parse.ts';

export interface AssembleArgs {
  script: string;
  takes: string;
  output: string;
  json: boolean;
  format?: string;
}

/**
 * `cuewright assemble SCRIPT --takes DIR -o PROJECT.cwproj`: every dialogue line found in its
 * actor's take files (named after the character), every take listed, the last complete take
 * picked and laid out in script order; prints per character the lines found and the missing.
 */
export async function runAssemble(args: AssembleArgs, io: Io): Promise<void> {
  if (!args.output.endsWith(PROJECT_EXTENSION))
    throw new UsageError(`-o must name a project (${PROJECT_EXTENSION}), not "${args.output}"`);
  await refuseOverInputs([args.output], [{ path: args.script, role: 'script' }]);
  const script = await loadScript(args.script, checkFormat(args.format));
  const result = await assembleDrama(script.sheet, args.takes, (speaker, i, n) =>
    io.err(`cuewright: finding ${speaker}'s takes (${i + 1} of ${n})\n`),
  );
  for (const notice of result.notices) io.err(`cuewright: ${notice}\n`);
  const project: ProjectFile = {
    app: 'cuewright',
    version: PROJECT_VERSION,
    script: { path: resolve(args.script), text: script.text },
    recordings: result.recordings.map((r) => ({ ...r, path: storedAudioPath(args.output, r.path) })),
    timeline: result.timeline,
    placements: result.placements,
    takes: result.takes,
    sheet: result.sheet,
    savedAt: new Date().toISOString(),
  };
  await saveProject(args.output, project);
  const missing = result.takes.filter((t) => t.pick === undefined);
  if (args.json) {
    io.out(toJson({ takes: result.takes, notices: result.notices }));
    return;
  }
  const text = new Map(result.sheet.cues.map((c) => [c.id, spokenText(c)]));
  const placed = result.takes.length - missing.length;
  io.out(`${placed} of ${result.takes.length} lines placed from ${result.recordings.length} take files\n`);
  for (const line of missing) io.out(`  missing: "${text.get(line.cue)?.slice(0, 60)}" (${line.review})\n`);
  const flagged = result.takes.filter((t) => t.pick !== undefined && t.review);
  for (const line of flagged) io.out(`  review: "${text.get(line.cue)?.slice(0, 60)}" (${line.review})\n`);
  const end = result.timeline.reduce((t, c) => t + Math.max(0, c.gapBefore ?? 0) + (c.to - c.from), 0);
  io.out(`about ${clockTime(end)} long; wrote ${args.output}\n`);
}
