import { spawnSync } from 'node:child_process';
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeAudio } from '../../src/audio-io/audio-source.ts';
import { loadScript } from '../../src/io/read-script-file.ts';
import { loadProject } from '../../src/project/project-store.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { runCli } from '../support/run-cli.ts';
import { sine, tempDir, writeWav } from '../support/signals.ts';

// Inputs are regular files of bounded size: a FIFO would block a read forever and a device like
// /dev/zero would fill memory. Each is refused before reading, with the file named.

const dir = tempDir('inputs');
const fifo = join(dir, 'pipe.txt');
spawnSync('mkfifo', [fifo]);

describe('inputs that are not regular files', () => {
  it('refuses a FIFO as a script, a project and audio, without waiting for a writer', async () => {
    await expect(loadScript(fifo)).rejects.toThrow(`${fifo}: is a pipe (FIFO), not a regular file`);
    await expect(loadProject(fifo)).rejects.toThrow(`${fifo}: is a pipe (FIFO), not a regular file`);
    await expect(probeAudio(fifo)).rejects.toThrow(`${fifo}: is a pipe (FIFO), not a regular file`);
  });

  it('refuses a device and a folder', async () => {
    await expect(loadScript('/dev/zero')).rejects.toThrow('/dev/zero: is a device, not a regular file');
    await expect(loadProject(dir)).rejects.toThrow(`${dir}: is a folder, not a file`);
  });

  it('the command line answers /dev/zero and a FIFO cue sheet with one line and exit 2', () => {
    const zero = runCli(['parse', '/dev/zero']);
    expect(zero.status).toBe(2);
    expect(zero.stderr.trim()).toBe('cuewright: /dev/zero: is a device, not a regular file');
    const audio = writeWav(join(dir, 'a.wav'), sine(16000, 1, 1, 440, 0.5), 16000);
    const cues = runCli(['export', SAMPLE_SEED, audio, '-o', join(dir, 'out.wav'), '--cues', fifo]);
    expect(cues.status).toBe(2);
    expect(cues.stderr.trim()).toBe(`cuewright: ${fifo}: is a pipe (FIFO), not a regular file`);
  });
});

describe('inputs over their size limit', () => {
  it('refuses a script over 32 MB and a project over 64 MB by size, naming the limit', async () => {
    const script = join(dir, 'huge.txt');
    writeFileSync(script, 'Once upon a time.\n');
    truncateSync(script, 33 * 1024 * 1024); // sparse: no 33 MB written
    await expect(loadScript(script)).rejects.toThrow(
      `${script}: 33.0 MB is too large for a script (the limit is 32.0 MB)`,
    );
    const project = join(dir, 'huge.cwproj');
    writeFileSync(project, '{');
    truncateSync(project, 65 * 1024 * 1024);
    await expect(loadProject(project)).rejects.toThrow(
      `${project}: 65.0 MB is too large for a project (the limit is 64.0 MB)`,
    );
  });
});
