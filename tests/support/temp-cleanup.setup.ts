import { rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import { madeTempDirs } from './signals.ts';

// Every test file's temp folders (tempDir) are removed once the file has run, after its own
// afterAll hooks (an app closed, a server stopped). Left behind, one run of the suite wrote about
// 2 GB to /tmp, and mutation runs, which run the tests once per mutant, filled a 100 GB disk.
afterAll(() => {
  for (const dir of madeTempDirs) rmSync(dir, { recursive: true, force: true });
  madeTempDirs.clear();
});
