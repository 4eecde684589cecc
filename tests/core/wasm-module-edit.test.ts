import { describe, expect, it } from 'vitest';
import { assemble, signedLeb, unsignedLeb } from '../../src/align/acoustic/wasm-assemble.ts';
import { editModule, globalCount } from '../../src/align/acoustic/wasm-module-edit.ts';

// The assembler and module editor the recogniser's patch is built with, on the specification's
// LEB128 examples and on a small module run by the engine itself (WebAssembly.instantiate).

/** (module (global (mut i32) (i32.const 7)) (func (export "f") (result i32) global.get 0)) */
const MODULE = Uint8Array.from([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...[0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f], // type: () -> i32
  ...[0x03, 0x02, 0x01, 0x00], // function 0 has type 0
  ...[0x06, 0x06, 0x01, 0x7f, 0x01, 0x41, 0x07, 0x0b], // global 0: mut i32 = 7
  ...[0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00], // export "f" = function 0
  ...[0x0a, 0x06, 0x01, 0x04, 0x00, 0x23, 0x00, 0x0b], // code: no locals, global.get 0, end
]);

async function run(bytes: Uint8Array<ArrayBuffer>): Promise<number> {
  const { instance } = await WebAssembly.instantiate(bytes);
  return (instance.exports.f as () => number)();
}

describe('wasm assembler and module editor', () => {
  it('writes LEB128 as the specification does', () => {
    expect(unsignedLeb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(unsignedLeb(0)).toEqual([0x00]);
    expect(signedLeb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(signedLeb(-1)).toEqual([0x7f]);
    expect(signedLeb(63)).toEqual([0x3f]);
    expect(signedLeb(64)).toEqual([0xc0, 0x00]);
  });

  it('assembles blocks, indices, constants and memory offsets', () => {
    expect(
      assemble([['loop'], ['local.get', 1], ['i32.const', -1], ['i32.load', 300], ['br', 0], ['end']]),
    ).toEqual([0x03, 0x40, 0x20, 0x01, 0x41, 0x7f, 0x28, 0x02, 0xac, 0x02, 0x0c, 0x00, 0x0b]);
    expect(assemble([['i32.store8', 0]])).toEqual([0x3a, 0x00, 0x00]);
  });

  it('swaps a body and adds globals the new body uses', async () => {
    expect(await run(MODULE)).toBe(7);
    expect(globalCount(MODULE)).toBe(1);
    // Adds 40 to the new global 1 (starting at 0), then returns global 0 plus it: 47.
    const body = [
      ['global.get', 1],
      ['i32.const', 40],
      ['i32.add'],
      ['global.set', 1],
      ['global.get', 0],
      ['global.get', 1],
      ['i32.add'],
    ] as const;
    const edited = editModule(
      MODULE,
      new Map([[0, () => Uint8Array.from([0x00, ...assemble(body), 0x0b])]]),
      2,
    );
    expect(globalCount(edited)).toBe(3);
    expect(WebAssembly.validate(edited)).toBe(true);
    expect(await run(edited)).toBe(47);
    // The old body is what the edit is given.
    const seen: number[] = [];
    editModule(
      MODULE,
      new Map([
        [
          0,
          (old) => {
            seen.push(...old);
            return old;
          },
        ],
      ]),
      0,
    );
    expect(seen).toEqual([0x00, 0x23, 0x00, 0x0b]);
  });

  it('encodes vector and float instructions as the specification does, and the engine runs them', async () => {
    expect(
      assemble([['v128.load', 16], ['f32x4.sub'], ['f32x4.extract_lane', 3], ['f32.const', 2147483648]]),
    ).toEqual([0xfd, 0x00, 0x04, 0x10, 0xfd, 0xe5, 0x01, 0xfd, 0x1f, 0x03, 0x43, 0x00, 0x00, 0x00, 0x4f]);
    expect(assemble([['block'], ['br_if', 0], ['end'], ['i32.load16_s', 36]])).toEqual([
      ...[0x02, 0x40, 0x0d, 0x00, 0x0b],
      ...[0x2e, 0x01, 0x24],
    ]);
    // One v128 local: (7.5 - 0.5) * 6 in every lane, lane 2 out, as an integer (42); plus 1 when
    // any lane is at least 42 (43), so the comparison and any_true run too.
    const body = [
      ['f32.const', 7.5],
      ['f32x4.splat'],
      ['f32.const', 0.5],
      ['f32x4.splat'],
      ['f32x4.sub'],
      ['f32.const', 6],
      ['f32x4.splat'],
      ['f32x4.mul'],
      ['local.tee', 0],
      ['f32x4.extract_lane', 2],
      ['i32.trunc_f32_s'],
      ['local.get', 0],
      ['f32.const', 42],
      ['f32x4.splat'],
      ['f32x4.ge'],
      ['v128.any_true'],
      ['i32.add'],
    ] as const;
    const vector = editModule(
      MODULE,
      new Map([[0, () => Uint8Array.from([0x01, 0x01, 0x7b, ...assemble(body), 0x0b])]]),
      0,
    );
    expect(WebAssembly.validate(vector)).toBe(true);
    expect(await run(vector)).toBe(43);
  });

  it('refuses a function that is not in the code section, and bytes that are not a module', () => {
    expect(() => editModule(MODULE, new Map([[1, (b) => b]]), 0)).toThrow(
      'function 1 is not in the code section',
    );
    expect(() => editModule(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), new Map(), 0)).toThrow(
      'not a WebAssembly module',
    );
  });
});
