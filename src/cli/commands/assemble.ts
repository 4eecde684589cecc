import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ScriptFormat } from '../../../cues/cue-sheet.ts';
import { InputError } from '../../../cues/input-error.ts';
import { parseScript } from '../../../cues/parse-script.ts';
import { soundDescription } from '../../../cues/production/sound-match.ts';
import { clockTime } from '../../../cues/sidecars/timecode.ts';
import { spokenText } from '../../../cues/spoken-text.ts';
import { counted } from '../../../cues/text/counted.ts';
import { ellipsize } from '../../../cues/text/ellipsize.ts';
import { type LoadedScript, loadScript } from '../../io/read-script-file.ts';
import { assembleDrama } from '../../production/assemble-drama.ts';
import { dramaEnd } from '../../production/drama-end.ts';
import { findSounds } from '../../production/find-sounds.ts';
import { UnreadableTakes } from '../../production/take-files.ts';
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
  /** Folders of sound-effect and music files for the script's SFX / MUSIC cues, matched by name. */
  sfx?: string;
  music?: string;
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
  // Before the long search, not after it (a tester waited for every actor's search to be told).
  const folder = dirname(resolve(args.output));
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory())
    throw new InputError(`${folder}: no such folder to write the project in (-o ${args.output})`);
  const script = await dramaScript(args.script, checkFormat(args.format));
  // Sounds first: a folder that cannot be read is named before the long search for takes.
  const found = await findSounds(script.sheet, {
    ...(args.sfx !== undefined ? { sfx: args.sfx } : {}),
    ...(args.music !== undefined ? { music: args.music } : {}),
  });
  const result = await assembleDrama(script.sheet, args.takes, (speaker, i, n) =>
    io.err(`cuewright: finding ${speaker}'s takes (${i + 1} of ${n})\n`),
  ).catch((error: unknown) => {
    // Every unreadable file named, one line each, before the error that ends the run.
    if (error instanceof UnreadableTakes)
      for (const problem of error.problems) io.err(`cuewright: ${problem}\n`);
    throw error;
  });
  for (const notice of result.notices) io.err(`cuewright: ${notice}\n`);
  // A sound cue with no file is flagged on the sheet, as a missing line is.
  const why = new Map(found.missing.map((m) => [m.cue, `missing sound: ${m.reason}`.slice(0, 200)]));
  const sheet = {
    ...result.sheet,
    cues: result.sheet.cues.map((c) => (why.has(c.id) ? { ...c, review: why.get(c.id)! } : c)),
  };
  const project: ProjectFile = {
    app: 'cuewright',
    version: PROJECT_VERSION,
    script: { path: resolve(args.script), text: script.text },
    recordings: result.recordings.map((r) => ({ ...r, path: storedAudioPath(args.output, r.path) })),
    timeline: result.timeline,
    placements: result.placements,
    takes: result.takes,
    ...(found.sounds.length > 0
      ? { sounds: found.sounds.map((x) => ({ ...x, path: storedAudioPath(args.output, x.path) })) }
      : {}),
    sheet,
    savedAt: new Date().toISOString(),
  };
  // Assembling again over a project replaces its picks and its sound edits: the old one is kept
  // beside it (saveProject's .bak), and said so (a tester lost their loops and fades without a word).
  const replaced = existsSync(args.output);
  await saveProject(args.output, project);
  const backup = replaced ? `${args.output}.bak` : undefined;
  const missing = result.takes.filter((t) => t.pick === undefined);
  if (args.json) {
    io.out(
      toJson({
        takes: result.takes,
        sounds: found.sounds,
        missingSounds: found.missing,
        notices: result.notices,
        owners: result.owners,
        unmatched: result.unmatched,
        ...(backup ? { backup } : {}),
      }),
    );
    return;
  }
  const text = new Map(result.sheet.cues.map((c) => [c.id, spokenText(c)]));
  const placed = result.takes.length - missing.length;
  io.out(
    `${placed} of ${counted(result.takes.length, 'line')} placed from ${counted(result.recordings.length, 'take file')}\n`,
  );
  for (const owner of result.owners) io.out(`  takes of ${owner}\n`);
  // The review says "missing: why"; under "missing:" the why alone.
  for (const line of missing)
    io.out(
      `  missing: "${ellipsize(text.get(line.cue) ?? '', 60)}" (${line.review?.replace(/^missing:?\s*/, '')})\n`,
    );
  const flagged = result.takes.filter((t) => t.pick !== undefined && t.review);
  for (const line of flagged)
    io.out(`  review: "${ellipsize(text.get(line.cue) ?? '', 60)}" (${line.review})\n`);
  if (args.sfx !== undefined || args.music !== undefined) {
    const cues = new Map(sheet.cues.map((c) => [c.id, c]));
    io.out(
      `${found.sounds.length} of ${counted(found.sounds.length + found.missing.length, 'sound cue')} matched\n`,
    );
    for (const s of found.sounds)
      io.out(`  ${s.lane}: "${soundDescription(cues.get(s.cue)?.text ?? '')}" -> ${s.path}\n`);
    for (const m of found.missing) io.out(`  missing ${m.lane}: "${m.wanted}" (${m.reason})\n`);
  }
  // Where the production ends as exported: closing music past the last line counts.
  const end = await dramaEnd(args.output, project);
  io.out(
    backup
      ? `about ${clockTime(end)} long; replaced ${args.output} (the project it held is kept as ${backup})\n`
      : `about ${clockTime(end)} long; wrote ${args.output}\n`,
  );
}

/**
 * The script read as a drama when its layout was not given: a script of one speech ("ANNA: Uh.")
 * is too little for the detector to call it one (two speeches or a sound cue: detect-format.ts)
 * and was read as prose, its speech a title, so assemble said it had no lines with speakers. Read
 * as prose, it is read again as a drama, kept when that gives a line with a speaker.
 */
async function dramaScript(path: string, format: ScriptFormat | undefined): Promise<LoadedScript> {
  const script = await loadScript(path, format);
  if (format !== undefined || script.sheet.format !== 'prose') return script;
  const drama = { ...script, sheet: parseScript(script.text, { fileName: path, format: 'drama' }) };
  return drama.sheet.cues.some((c) => c.kind === 'dialogue' && c.speaker) ? drama : script;
}
