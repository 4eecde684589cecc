import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCueSheet } from '../../cues/read-cue-sheet.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { runCli } from '../support/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cuewright-cli-'));

describe('cuewright parse', () => {
  it('prints the cue sheet as JSON that validates against the contract', () => {
    const result = runCli(['parse', SAMPLE_SEED, '--json']);
    expect(result.status).toBe(0);
    const sheet = readCueSheet(result.stdout);
    expect(sheet.chapters.map((c) => c.title)).toEqual(['Chapter 1']);
    expect(sheet.cues.filter((c) => c.kind === 'lyric')).toHaveLength(4);
  });

  it('prints a readable outline without --json, and writes -o atomically', () => {
    const out = join(dir, 'seed.cues.json');
    const result = runCli(['parse', SAMPLE_SEED, '-o', out]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('# Chapter 1');
    expect(result.stdout).toMatch(/dialogue\s+Spike: She doesn't mean anything/);
    expect(readCueSheet(readFileSync(out, 'utf8')).title).toBe('My Love. My Life. My Forever.');
  });

  it('honours --format', () => {
    const script = join(dir, 'drama.txt');
    writeFileSync(script, 'ANYA: Hello.\nXANDER: Hi.\n');
    const asProse = readCueSheet(runCli(['parse', script, '--json', '--format', 'prose']).stdout);
    expect(asProse.format).toBe('prose');
  });

  it('exits 2 with one line naming the file and the problem', () => {
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const binary = join(dir, 'junk.bin');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    const cases: Array<[string[], RegExp]> = [
      [['parse', join(dir, 'missing.txt')], /missing\.txt: no such file$/],
      [['parse', empty], /empty\.txt: the file is empty$/],
      [['parse', binary], /junk\.bin: this is binary data, not a script/],
      [['parse', dir], /is a folder, not a file$/],
      [['parse', SAMPLE_SEED, '--format', 'opera'], /--format must be one of prose, drama, fountain/],
      [['parse'], /expected one SCRIPT argument/],
      [['transmogrify'], /unknown command "transmogrify"/],
      [['parse', SAMPLE_SEED, '--bogus'], /Unknown option '--bogus'/],
      [['parse', SAMPLE_SEED, '--format'], /Option '--format <value>' argument missing/],
    ];
    for (const [args, message] of cases) {
      const result = runCli(args);
      expect(result.status, args.join(' ')).toBe(2);
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0]).toMatch(/^cuewright: /);
      expect(lines[0]).toMatch(message);
    }
  });
});
