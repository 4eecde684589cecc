import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { readRegularText } from '../io/read-regular-file.ts';

// Which sidecars an export wrote, kept beside its output as a hidden file: a later export of the
// same output may replace those (unchanged since), never a file of the user's that happens to
// carry a sidecar's name (their own .cue or .srt).

interface Written {
  size: number;
  mtimeMs: number;
  ino: number;
}

type SidecarRecord = { [name: string]: Written };

export function recordPath(output: string): string {
  return join(dirname(output), `.${basename(output)}.sidecars.json`);
}

/** A record names a handful of files: anything larger is no record of ours. */
const RECORD_LIMIT = { what: 'sidecar record', maxBytes: 1024 * 1024 };

/** The record, or none: a FIFO or device in its place (it would block or never end) is not read. */
async function readRecord(output: string): Promise<SidecarRecord> {
  try {
    const value = JSON.parse(await readRegularText(recordPath(output), RECORD_LIMIT)) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as SidecarRecord)
      : {};
  } catch {
    return {};
  }
}

async function fingerprint(path: string): Promise<Written | undefined> {
  const s = await stat(path).catch(() => undefined);
  return s ? { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino } : undefined;
}

/** The paths that exist and were not written (as they are now) by an earlier export of `output`. */
export async function foreignFiles(output: string, paths: string[]): Promise<string[]> {
  const record = await readRecord(output);
  const foreign: string[] = [];
  for (const path of paths) {
    const now = await fingerprint(path);
    if (!now) continue;
    const was = record[basename(path)];
    const ours = was && was.size === now.size && was.mtimeMs === now.mtimeMs && was.ino === now.ino;
    if (!ours) foreign.push(path);
  }
  return foreign;
}

/** Notes the sidecars just written, so the next export of `output` may replace them. */
export async function recordWritten(output: string, paths: string[]): Promise<void> {
  const record: SidecarRecord = {};
  for (const path of paths) {
    const written = await fingerprint(path);
    if (written) record[basename(path)] = written;
  }
  await writeFileAtomic(recordPath(output), JSON.stringify(record));
}
