import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { appHandlers } from '../support/app-handlers.ts';
import { CLI } from '../support/paths.ts';
import { runCli } from '../support/run-cli.ts';
import { sine, tempDir, writeWav } from '../support/signals.ts';

// An export never destroys what it reads or a file of the user's: an output that is an input
// (same inode) is refused, even with --force, and an existing file under a sidecar's name that
// no earlier export wrote is kept unless the user says so (--force, or a confirmation in the app).

const SCRIPT = 'Chapter 1\n\nThe rain had stopped.\n\nShe opened the door.\n';

function production(dir: string) {
  const script = join(dir, 'book.txt');
  writeFileSync(script, SCRIPT);
  const parsed = parseScript(SCRIPT);
  const sheet: CueSheet = {
    ...parsed,
    cues: parsed.cues.map((cue, i) => ({ ...cue, start: i * 0.8, end: i * 0.8 + 0.7 })),
  };
  const cues = join(dir, 'book.cues.json');
  writeFileSync(cues, JSON.stringify(sheet));
  const audio = writeWav(join(dir, 'narration.wav'), sine(16000, 1, 3, 440, 0.3), 16000);
  return { script, cues, audio, sheet };
}

const exportCli = (p: ReturnType<typeof production>, output: string, ...extra: string[]) =>
  runCli(['export', p.script, p.audio, '-o', output, '--cues', p.cues, ...extra]);

describe('an export never replaces its own inputs', () => {
  it('refuses -o naming the recording (by any name), even with --force, and leaves it whole', () => {
    const dir = tempDir('export-inputs');
    const p = production(dir);
    const before = readFileSync(p.audio);
    const same = exportCli(p, p.audio);
    expect(same.status).toBe(2);
    expect(same.stderr.trim()).toBe(
      `cuewright: ${p.audio}: is the recording this export reads (${p.audio}); choose another name for the output`,
    );
    expect(readFileSync(p.audio).equals(before)).toBe(true);
    expect(exportCli(p, p.audio, '--force').stderr).toMatch(/is the recording this export reads/);
    expect(readFileSync(p.audio).equals(before)).toBe(true);
    // Through another name for the same file.
    const viaDot = exportCli(p, join(dir, '.', 'narration.wav'));
    expect(viaDot.stderr).toMatch(/is the recording this export reads/);
    expect(readFileSync(p.audio).equals(before)).toBe(true);
  });

  it('refuses sidecars that would replace the --cues input, even with --force', () => {
    const dir = tempDir('export-inputs');
    const p = production(dir);
    const cues = join(dir, 'book.chapters.json'); // the podcast-chapters sidecar of book.wav
    writeFileSync(cues, readFileSync(p.cues));
    const before = readFileSync(cues, 'utf8');
    const plain = runCli([
      'export',
      p.script,
      p.audio,
      '-o',
      join(dir, 'book.wav'),
      '--cues',
      cues,
      '--sidecars',
    ]);
    expect(plain.status).toBe(2);
    expect(readFileSync(cues, 'utf8')).toBe(before);
    const result = runCli([
      'export',
      p.script,
      p.audio,
      '-o',
      join(dir, 'book.wav'),
      '--cues',
      cues,
      '--sidecars',
      '--force',
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      `cuewright: ${cues}: is the cue sheet this export reads (${cues}); choose another name for the output`,
    );
    expect(readFileSync(cues, 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'book.wav'))).toBe(false);
  });
});

describe('no command replaces what it reads', () => {
  it('parse, scratch and align refuse an output that is their script or recording, before any work', () => {
    const dir = tempDir('command-inputs');
    const p = production(dir);
    const script = readFileSync(p.script);
    const audio = readFileSync(p.audio);
    const cases: Array<[string[], string, string]> = [
      [['parse', p.script, '-o', p.script], p.script, 'script'],
      [['scratch', p.script, '-o', join(dir, 'read.wav'), '--cues', p.script], p.script, 'script'],
      [['align', p.script, p.audio, '-o', p.audio], p.audio, 'recording'],
      [['align', p.script, p.audio, '-o', join(dir, '.', 'book.txt')], p.script, 'script'],
    ];
    for (const [args, input, role] of cases) {
      const result = runCli(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr.trim()).toBe(
        `cuewright: ${args.at(-1)}: is the ${role} this command reads (${input}); choose another name for the output`,
      );
    }
    expect(readFileSync(p.script).equals(script)).toBe(true);
    expect(readFileSync(p.audio).equals(audio)).toBe(true);
    expect(existsSync(join(dir, 'read.wav'))).toBe(false);
  });
});

describe('sidecars never replace a file of the user', () => {
  it('keeps a .cue the user wrote unless --force, replaces its own sidecars on the next export', () => {
    const dir = tempDir('export-sidecars');
    const p = production(dir);
    const output = join(dir, 'book.wav');
    const mine = join(dir, 'book.cue');
    writeFileSync(mine, 'REM my own cue sheet\n');

    const refused = exportCli(p, output, '--sidecars');
    expect(refused.status).toBe(2);
    expect(refused.stderr.trim()).toBe(
      `cuewright: ${mine}: exists and was not written by an export of book.wav; --force replaces them`,
    );
    expect(readFileSync(mine, 'utf8')).toBe('REM my own cue sheet\n');
    expect(existsSync(output)).toBe(false);

    // Its own sidecars from an earlier export are replaced without asking.
    const other = join(dir, 'other.wav');
    expect(exportCli(p, other, '--sidecars', '--title', 'The Last Train').status).toBe(0);
    // --title names the production in the sidecars too, as in the file's tags.
    expect(readFileSync(join(dir, 'other.cue'), 'utf8')).toMatch(/^TITLE "The Last Train"$/m);
    expect(readFileSync(join(dir, 'other.ffmetadata.txt'), 'utf8')).toMatch(/^title=The Last Train$/m);
    expect(exportCli(p, other, '--sidecars').status).toBe(0);
    // Unless the user changed one since.
    writeFileSync(join(dir, 'other.captions.srt'), 'edited by hand\n');
    const edited = exportCli(p, other, '--sidecars');
    expect(edited.stderr).toMatch(
      /other\.captions\.srt: exists and was not written by an export of other\.wav/,
    );
    expect(readFileSync(join(dir, 'other.captions.srt'), 'utf8')).toBe('edited by hand\n');

    const forced = exportCli(p, output, '--sidecars', '--force');
    expect(forced.status).toBe(0);
    expect(readFileSync(mine, 'utf8')).toMatch(/^(REM|PERFORMER|TITLE|FILE)/);
    expect(readFileSync(mine, 'utf8')).not.toContain('my own cue sheet');
  });

  it('a FIFO or a device under the hidden record name neither hangs the export nor is read', () => {
    const dir = tempDir('export-sidecars');
    const p = production(dir);
    const output = join(dir, 'book.wav');
    spawnSync('mkfifo', [join(dir, '.book.wav.sidecars.json')]);
    symlinkSync('/dev/zero', join(dir, '.zero.wav.sidecars.json'));
    for (const name of ['book.wav', 'zero.wav']) {
      // A hang limit, not a speed figure: the export takes a second or two, a blocked read forever.
      const result = spawnSync(
        process.execPath,
        [CLI, 'export', p.script, p.audio, '-o', join(dir, name), '--cues', p.cues, '--sidecars'],
        { encoding: 'utf8', timeout: 30_000 },
      );
      expect(result.status, `${name}: ${result.stderr}`).toBe(0);
      expect(existsSync(join(dir, name.replace('.wav', '.cue')))).toBe(true);
    }
    expect(existsSync(output)).toBe(true);
  });

  it('the app never replaces the script it reads, even when the user agrees to (a sidecar by its name)', async () => {
    const dir = tempDir('export-inputs-app');
    const p = production(dir);
    // The project's script carries the name of the Audacity-labels sidecar of book.wav.
    const script = join(dir, 'book.labels.txt');
    writeFileSync(script, SCRIPT);
    const { handlers, picker } = appHandlers(dir);
    const output = join(dir, 'book.wav');
    picker.answers.push(script, p.audio, output);
    await handlers.pick({ purpose: 'script' });
    await handlers.pick({ purpose: 'audio' });
    await handlers.pick({ purpose: 'export' });
    await handlers.newProject({ scriptPath: script, audioPath: p.audio });
    const settings = { format: 'wav' as const, loudness: 'podcast', sidecars: true, lyricChapters: false };
    expect(await handlers.sidecarsInTheWay({ sheet: p.sheet, output })).toEqual([script]);
    await expect(
      handlers.exportProduction({ sheet: p.sheet, output, settings, replace: [script] }),
    ).rejects.toThrow(
      `${script}: is the script this export reads (${script}); choose another name for the output`,
    );
    expect(readFileSync(script, 'utf8')).toBe(SCRIPT);
    expect(existsSync(output)).toBe(false);
  });

  it('the app lists the files in the way, and replaces only the ones the user agreed to', async () => {
    const dir = tempDir('export-sidecars-app');
    const p = production(dir);
    const { handlers, picker } = appHandlers(dir);
    mkdirSync(join(dir, 'out'));
    const output = join(dir, 'out', 'book.wav');
    const srt = join(dir, 'out', 'book.captions.srt');
    writeFileSync(srt, 'my subtitles\n');
    picker.answers.push(p.script, p.audio, output);
    await handlers.pick({ purpose: 'script' });
    await handlers.pick({ purpose: 'audio' });
    await handlers.pick({ purpose: 'export' });
    await handlers.newProject({ scriptPath: p.script, audioPath: p.audio });
    const settings = { format: 'wav' as const, loudness: 'podcast', sidecars: true, lyricChapters: false };

    expect(await handlers.sidecarsInTheWay({ sheet: p.sheet, output })).toEqual([srt]);
    await expect(handlers.exportProduction({ sheet: p.sheet, output, settings })).rejects.toThrow(
      `${srt}: exists and was not written by an export of book.wav; confirm replacing them to go on`,
    );
    expect(readFileSync(srt, 'utf8')).toBe('my subtitles\n');
    expect(existsSync(output)).toBe(false);

    const summary = await handlers.exportProduction({ sheet: p.sheet, output, settings, replace: [srt] });
    expect(summary.files).toContain(srt);
    expect(readFileSync(srt, 'utf8')).toContain('The rain had stopped.');
    expect(await handlers.sidecarsInTheWay({ sheet: p.sheet, output })).toEqual([]);
  });
});
