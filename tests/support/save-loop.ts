// Saves a project (or autosaves it) with a growing counter, as the app would, until killed. The
// kill test stops this process inside one chosen write: when save number STOP_AT writes its
// bytes, the process writes part of them (or all of them and reaches fsync), says "stopped" on
// stdout and stops itself (SIGSTOP); the test then SIGKILLs it. So every kill lands inside a write
// by construction, not by timing, and the code under test runs unmodified: only the file handle's
// write and sync, the system-call boundary, are watched.

import { readFileSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { parseScript } from '../../cues/parse-script.ts';
import { autosave } from '../../src/project/autosave.ts';
import { PROJECT_VERSION, type ProjectFile } from '../../src/project/project-schema.ts';
import { saveProject } from '../../src/project/project-store.ts';

/** Where in save STOP_AT the process stops: after no bytes, half of them, or all before fsync. */
export type StopPoint = 'before-bytes' | 'half-written' | 'before-sync';

const [mode, target, scriptPath, stopAtArg, stopPoint] = process.argv.slice(2) as [
  'save' | 'autosave',
  string,
  string,
  string,
  StopPoint,
];
const stopAt = Number(stopAtArg);
const marker = Buffer.from(`"title": "save ${stopAt}"`);
const compactMarker = Buffer.from(`"title":"save ${stopAt}"`);

function stop(): never {
  writeSync(1, 'stopped\n');
  process.kill(process.pid, 'SIGSTOP');
  throw new Error('continued after SIGSTOP: the test should have killed this process');
}

// The FileHandle class, reached through a handle of our own (it is not exported by name).
const probe = await open(scriptPath, 'r');
const handleClass = Object.getPrototypeOf(probe) as {
  write: (
    data: unknown,
    offset?: number,
    length?: number,
    position?: number,
  ) => Promise<{ bytesWritten: number }>;
  sync: () => Promise<void>;
};
await probe.close();
const write = handleClass.write;
const sync = handleClass.sync;
const carrying = new WeakSet<object>();
handleClass.write = async function (
  this: object,
  data: unknown,
  offset = 0,
  length?: number,
  position?: number,
) {
  const bytes = Buffer.from(data as Uint8Array);
  if (bytes.includes(marker) || bytes.includes(compactMarker)) {
    carrying.add(this);
    if (stopPoint === 'before-bytes') stop();
    if (stopPoint === 'half-written') {
      const half = Math.floor(((length as number) ?? bytes.length) / 2);
      await write.call(this, data, offset, half, position);
      stop();
    }
  }
  return write.call(this, data, offset, length, position);
};
handleClass.sync = async function (this: object) {
  if (stopPoint === 'before-sync' && carrying.has(this)) stop();
  return sync.call(this);
};

// A large script makes each project a few hundred kB, as a real book's is.
const text = readFileSync(scriptPath, 'utf8').repeat(10);
const sheet = parseScript(text, { fileName: scriptPath });
for (let n = 0; ; n++) {
  const project: ProjectFile = {
    app: 'cuewright',
    version: PROJECT_VERSION,
    script: { path: scriptPath, text },
    recordings: [{ id: 'rec-1', path: 'narration.wav', size: n, duration: 1 }],
    sheet: { ...sheet, title: `save ${n}` },
    savedAt: new Date().toISOString(),
  };
  if (mode === 'save') await saveProject(target, project);
  else await autosave(target, '/projects/p.cwproj', project);
  writeSync(1, `saved ${n}\n`);
}
