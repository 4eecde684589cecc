// What a drop of files onto the window does, decided from their names alone (pure: tested in
// tests/core/drop-plan.test.ts). The files themselves are then named through the picker, which
// is what grants the page a file (see file-drop.ts).

export type DroppedKind = 'project' | 'script' | 'audio' | 'chapters';

const KINDS: Record<string, DroppedKind> = {
  cwproj: 'project',
  txt: 'script',
  text: 'script',
  md: 'script',
  fountain: 'script',
  spmd: 'script',
  cue: 'chapters',
  ffmeta: 'chapters',
  ffmetadata: 'chapters',
  vtt: 'chapters',
  json: 'chapters',
  wav: 'audio',
  mp3: 'audio',
  flac: 'audio',
  ogg: 'audio',
  opus: 'audio',
  m4a: 'audio',
  m4b: 'audio',
  aac: 'audio',
};

/** The kind of file a name says (by its extension, any case); undefined for anything else. */
export function droppedKind(name: string): DroppedKind | undefined {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : KINDS[name.slice(dot + 1).toLowerCase()];
}

/** One thing a drop does, with the index of each file it takes (in the order dropped). */
export type DropPlan =
  | { action: 'open-project'; project: number }
  | { action: 'new-project'; script: number; audio?: number }
  | { action: 'import-chapters'; chapters: number }
  | { action: 'add-bed'; audio: number }
  | { action: 'refuse'; reason: string };

/**
 * What dropping files with these names does: a project opens (it wins over anything dropped with
 * it); a script, with a recording or without (then one is asked for), starts a new project;
 * chapter files replace the chapters; a recording alone goes under the narration as a music bed
 * at the playhead. Anything else is refused with a reason naming the file.
 */
export function planDrop(names: readonly string[], hasProject: boolean): DropPlan {
  if (names.length === 0) return { action: 'refuse', reason: 'nothing was dropped (only files can be)' };
  const kinds = names.map(droppedKind);
  const first = (kind: DroppedKind) => kinds.indexOf(kind);
  if (first('project') >= 0) return { action: 'open-project', project: first('project') };
  if (first('script') >= 0)
    return {
      action: 'new-project',
      script: first('script'),
      ...(first('audio') >= 0 ? { audio: first('audio') } : {}),
    };
  const unknown = names.find((_, i) => kinds[i] === undefined);
  if (unknown !== undefined)
    return {
      action: 'refuse',
      reason: `${unknown}: not a file Cuewright opens (a .cwproj project, a script, a recording or chapters)`,
    };
  if (!hasProject)
    return { action: 'refuse', reason: 'open or start a project first: chapters and beds belong to one' };
  if (first('chapters') >= 0) return { action: 'import-chapters', chapters: first('chapters') };
  return { action: 'add-bed', audio: first('audio') };
}
