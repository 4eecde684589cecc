// Saves a project (or autosaves it) over and over with a growing counter, until killed: the
// SIGKILL test runs this as a child process and kills it at random moments.
import { readFileSync } from 'node:fs';
import { parseScript } from '../../cues/parse-script.ts';
import { autosave } from '../../src/project/autosave.ts';
import { PROJECT_VERSION, type ProjectFile } from '../../src/project/project-schema.ts';
import { saveProject } from '../../src/project/project-store.ts';

const [mode, target, scriptPath] = process.argv.slice(2) as ['save' | 'autosave', string, string];
// A large script makes each save long enough that kills land inside writes, not between them.
const text = readFileSync(scriptPath, 'utf8').repeat(40);
const sheet = parseScript(text, { fileName: scriptPath });
for (let n = 0; ; n++) {
  const project: ProjectFile = {
    app: 'cuewright',
    version: PROJECT_VERSION,
    script: { path: scriptPath, text },
    audio: { path: 'narration.wav', size: n, duration: 1 },
    sheet: { ...sheet, title: `save ${n}` },
    savedAt: new Date().toISOString(),
  };
  if (mode === 'save') await saveProject(target, project);
  else await autosave(target, '/projects/p.cwproj', project);
  if (n === 0) process.stdout.write('first\n');
}
