import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { dispatch } from '../../src/app/dispatch.ts';
import { appHandlers } from '../support/app-handlers.ts';
import { runCli } from '../support/run-cli.ts';
import { sine, tempDir, writeWav } from '../support/signals.ts';

// A loudness preset is looked up among the presets' own names: "constructor", "__proto__" or
// "toString" is refused as unknown, not taken for a preset (which made a "successful" silent export).

const OBJECT_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];
const SCRIPT = 'Chapter 1\n\nThe rain had stopped.\n';

describe('loudness presets', () => {
  it('the app refuses object internals as a preset', async () => {
    const dir = tempDir('presets');
    const script = join(dir, 'book.txt');
    writeFileSync(script, SCRIPT);
    const audio = writeWav(join(dir, 'narration.wav'), sine(16000, 1, 2, 440, 0.3), 16000);
    const { handlers, picker } = appHandlers(dir);
    const output = join(dir, 'out.wav');
    picker.answers.push(script, audio, output);
    await handlers.pick({ purpose: 'script' });
    await handlers.pick({ purpose: 'audio' });
    await handlers.pick({ purpose: 'export' });
    await handlers.newProject({ scriptPath: script, audioPath: audio });
    const parsed = parseScript(SCRIPT);
    const sheet = {
      ...parsed,
      cues: parsed.cues.map((c, i) => ({ ...c, start: i * 0.5, end: i * 0.5 + 0.4 })),
    };
    for (const loudness of OBJECT_KEYS) {
      const settings = { format: 'wav', loudness, sidecars: false, lyricChapters: false };
      expect(await dispatch(handlers, 'exportProduction', { sheet, output, settings })).toEqual({
        ok: false,
        error: { name: 'InputError', message: `unknown loudness preset "${loudness}"` },
      });
    }
  });

  it('the command line refuses them with its usage line', () => {
    const dir = tempDir('presets-cli');
    const script = join(dir, 'book.txt');
    writeFileSync(script, SCRIPT);
    const audio = writeWav(join(dir, 'narration.wav'), sine(16000, 1, 2, 440, 0.3), 16000);
    const result = runCli(['export', script, audio, '-o', join(dir, 'out.wav'), '--loudness', 'toString']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--loudness takes LUFS between -40 and -5 or a preset .*got "toString"/);
  });
});
