import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../cues/input-error.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { decodeScript } from '../../src/io/decode-script.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { signature } from '../support/sheet-invariants.ts';

const seed = readFileSync(SAMPLE_SEED, 'utf8');

function utf16(text: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const bytes = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(bytes.buffer);
  const units = bom ? `\ufeff${text}` : text;
  for (let i = 0; i < units.length; i++) view.setUint16(i * 2, units.charCodeAt(i), !bigEndian);
  return bytes;
}

describe('decoding script bytes', () => {
  it('reads UTF-8 with and without a BOM, and UTF-16 either way round, to the same text', () => {
    const variants: Array<[Uint8Array, string]> = [
      [Buffer.from(seed, 'utf8'), 'utf-8'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(seed, 'utf8')]), 'utf-8'],
      [utf16(seed, false, true), 'utf-16le'],
      [utf16(seed, true, true), 'utf-16be'],
      [utf16(seed, false, false), 'utf-16le'],
      [utf16(seed, true, false), 'utf-16be'],
    ];
    const expected = signature(parseScript(seed));
    for (const [bytes, encoding] of variants) {
      const decoded = decodeScript(bytes);
      expect(decoded.encoding).toBe(encoding);
      expect(decoded.text).toBe(seed);
      expect(signature(parseScript(decoded.text))).toEqual(expected);
    }
  });

  it('reads Windows-1252 curly quotes as curly quotes', () => {
    const bytes = Buffer.from([
      0x93,
      ...Buffer.from('Why?', 'latin1'),
      0x94,
      0x20,
      0x73,
      0x68,
      0x65,
      0x20,
      0x73,
      0x61,
      0x69,
      0x64,
      0x2e,
    ]);
    const decoded = decodeScript(bytes);
    expect(decoded.text).toBe('“Why?” she said.');
    expect(parseScript(decoded.text).cues.map((c) => c.kind)).toEqual(['dialogue', 'narration']);
  });

  it('refuses empty, blank and binary files with a reason', () => {
    expect(() => decodeScript(new Uint8Array())).toThrow(/empty/);
    expect(() => decodeScript(Buffer.from(' \n\t\n'))).toThrow(/no text/);
    expect(() => decodeScript(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]))).toThrow(
      /binary.*NUL/,
    );
    const noise = Buffer.from(Array.from({ length: 2000 }, (_, i) => ((i * 7919) % 31) + 1));
    expect(() => decodeScript(noise)).toThrow(/binary.*control characters/);
  });

  it('gives text or an InputError for any bytes, never anything else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        try {
          const { text } = decodeScript(bytes);
          expect(typeof text).toBe('string');
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
