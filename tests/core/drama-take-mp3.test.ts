import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOOR_SCRIPT, session, speak } from '../support/drama-fixture.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { ffmpeg, tempDir } from '../support/signals.ts';

// Issue 17, a fresh tester's finding: a drama with an MP3 take could not be exported. Assemble kept
// the take's length as decoded, export checked it against the header's (with the encoder's
// padding), found them 0.10 s apart and refused the take as changed since assembly.

requireTools('the takes are festival voices cut together and encoded by ffmpeg', 'festival', 'ffmpeg');

describe('a drama whose takes include an MP3', () => {
  it('assembles and exports it, the MP3 take unchanged', () => {
    const work = tempDir('drama-mp3');
    const takes = join(work, 'takes');
    const parts = join(work, 'parts');
    mkdirSync(takes);
    mkdirSync(parts);
    const anna = join(parts, 'anna-session1.wav');
    session(parts, anna, [
      speak(parts, 'a1', 'Did you hear that noise in the hall?', 'kal_diphone'),
      speak(parts, 'a2', 'That was not the wind, and you know it.', 'kal_diphone'),
    ]);
    ffmpeg([
      '-v',
      'error',
      '-i',
      anna,
      '-c:a',
      'libmp3lame',
      '-b:a',
      '64k',
      join(takes, 'anna-session1.mp3'),
    ]);
    rmSync(anna);
    session(parts, join(takes, 'ben-session1.wav'), [
      speak(parts, 'b1', 'It was only the wind against the window.', 'ked_diphone'),
      speak(parts, 'b2', 'Then we should go and look together.', 'ked_diphone'),
    ]);
    writeFileSync(join(work, 'door.txt'), DOOR_SCRIPT);
    const project = join(work, 'door.cwproj');
    const assembled = runCli(
      ['assemble', join(work, 'door.txt'), '--takes', takes, '-o', project],
      work,
      300_000,
    );
    expect(assembled.status, assembled.stderr).toBe(0);
    const exported = runCli(['export', project, '-o', join(work, 'mix.wav')], work, 300_000);
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
  }, 400_000);
});
