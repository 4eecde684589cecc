import type { CueSheet } from '../../cues/cue-sheet.ts';
import { resolveAudioPath } from '../project/project-store.ts';
import type { PathGrants } from './path-grants.ts';

// A cue sheet names files of its own (music beds). A sheet from the page is data, not a choice by
// the user: every file it names must already be granted, and nothing it names is ever granted.

/** Where a file the sheet names lies: relative names are taken from the project's folder. */
export function sheetFilePath(projectPath: string | undefined, stored: string): string {
  return projectPath ? resolveAudioPath(projectPath, stored) : stored;
}

/** Every file the sheet names, as the back end would open it for each of the project paths given. */
export function sheetFiles(sheet: CueSheet, ...projectPaths: Array<string | undefined>): string[] {
  const bases = projectPaths.length > 0 ? projectPaths : [undefined];
  return (sheet.beds ?? []).flatMap((bed) => bases.map((base) => sheetFilePath(base, bed.path)));
}

/** Refuses (AccessError) a sheet that names a file the user has not granted for reading. */
export function checkSheetFiles(
  grants: PathGrants,
  sheet: CueSheet,
  ...projectPaths: Array<string | undefined>
): void {
  for (const path of sheetFiles(sheet, ...projectPaths)) grants.check(path, 'read');
}
