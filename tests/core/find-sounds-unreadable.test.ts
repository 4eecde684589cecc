import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { findSounds } from '../../src/production/find-sounds.ts';
import { requireTools } from '../support/required-tools.ts';
import { ffmpeg, tempDir } from '../support/signals.ts';

// A sound file named like its cue that cannot be read is named at assembly (issue 17): a fresh
// tester's 0-channel WAV was "matched", and only the export, later, refused it.

const SCRIPT = '[SFX: door slams]\n\n[SFX: gull cries]\n\n[SFX: rain falls]\n';

/** A WAV header that says 0 channels, then a second of data. */
function zeroChannelWav(): Buffer {
  const data = 8000;
  const head = Buffer.alloc(44);
  head.write('RIFF', 0);
  head.writeUInt32LE(36 + data, 4);
  head.write('WAVEfmt ', 8);
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20);
  head.writeUInt16LE(0, 22);
  head.writeUInt32LE(8000, 24);
  head.writeUInt32LE(0, 28);
  head.writeUInt16LE(0, 32);
  head.writeUInt16LE(8, 34);
  head.write('data', 36);
  head.writeUInt32LE(data, 40);
  return Buffer.concat([head, Buffer.alloc(data)]);
}

describe('sound files that cannot be read', () => {
  let dir: string;

  beforeAll(() => {
    requireTools('the readable sound is made by ffmpeg', 'ffmpeg');
    dir = tempDir('sounds-unreadable');
    ffmpeg(['-f', 'lavfi', '-i', 'sine=f=440:d=1:r=44100', join(dir, 'door-slams.wav')]);
    writeFileSync(join(dir, 'gull-cries.wav'), zeroChannelWav());
    writeFileSync(join(dir, 'rain-falls.mp3'), Buffer.from('not audio at all, only text'));
  });

  it('are listed missing with why, one line each; the readable one plays', async () => {
    const found = await findSounds(parseScript(SCRIPT), { sfx: dir });
    expect(found.sounds.map((s) => s.path)).toEqual([join(dir, 'door-slams.wav')]);
    expect(found.missing.map((m) => [m.wanted, m.reason])).toEqual([
      ['gull cries', `cannot be read: ${join(dir, 'gull-cries.wav')}: corrupt WAV: 0 channels`],
      [
        'rain falls',
        expect.stringMatching(
          /^cannot be read: .*rain-falls\.mp3: unknown audio format \(the file starts with /,
        ),
      ],
    ]);
  });
});
