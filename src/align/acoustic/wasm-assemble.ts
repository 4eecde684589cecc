// A tiny WebAssembly assembler for the few instructions the recogniser's patches
// (sphinx-history-patch.ts, sphinx-gaussian-patch.ts) are written in, so a patch reads as
// instructions, not bytes. Encodings: WebAssembly Core Specification 2.0, section 5.4
// (instructions, 5.4.8 for vector ones) and 5.2.2 (LEB128).

/** One instruction: its mnemonic (the text format's name) and immediates. */
export type Instruction =
  | readonly [op: 'block' | 'loop' | 'if' | 'else' | 'end' | 'select' | PlainOp]
  | readonly [op: 'local.get' | 'local.set' | 'local.tee' | 'global.get' | 'global.set', index: number]
  | readonly [op: 'call' | 'br' | 'br_if', index: number]
  | readonly [op: 'i32.const' | 'f32.const', value: number]
  | readonly [op: MemoryOp, offset: number]
  | readonly [op: VectorOp]
  | readonly [op: 'f32x4.extract_lane', lane: number];

type PlainOp = keyof typeof PLAIN_OPS;
type MemoryOp = keyof typeof MEMORY;
type VectorOp = 'f32x4.splat' | 'f32x4.ge' | 'v128.any_true' | 'f32x4.sub' | 'f32x4.mul';

const PLAIN_OPS = {
  'i32.eqz': 0x45,
  'i32.eq': 0x46,
  'i32.ne': 0x47,
  'i32.lt_s': 0x48,
  'i32.lt_u': 0x49,
  'i32.gt_s': 0x4a,
  'i32.gt_u': 0x4b,
  'i32.ge_u': 0x4f,
  'f32.ne': 0x5c,
  'f32.lt': 0x5d,
  'i32.add': 0x6a,
  'i32.sub': 0x6b,
  'i32.mul': 0x6c,
  'i32.and': 0x71,
  'i32.or': 0x72,
  'i32.shl': 0x74,
  'i32.shr_u': 0x76,
  'f32.abs': 0x8b,
  'i32.trunc_f32_s': 0xa8,
  'f32.convert_i32_s': 0xb2,
} as const;
const PLAIN: Record<string, number> = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  select: 0x1b,
  ...PLAIN_OPS,
};
/** Vector instructions: 0xFD, then this number (LEB128). */
const VECTOR: Record<VectorOp | 'v128.load' | 'f32x4.extract_lane', number> = {
  'v128.load': 0x00,
  'f32x4.splat': 0x13,
  'f32x4.extract_lane': 0x1f,
  'f32x4.ge': 0x46,
  'v128.any_true': 0x53,
  'f32x4.sub': 0xe5,
  'f32x4.mul': 0xe6,
};
const INDEXED: Record<string, number> = {
  br: 0x0c,
  br_if: 0x0d,
  call: 0x10,
  'local.get': 0x20,
  'local.set': 0x21,
  'local.tee': 0x22,
  'global.get': 0x23,
  'global.set': 0x24,
};
/** Memory instructions: opcode and natural alignment (log2 of the access size in bytes). */
const MEMORY = {
  'i32.load': [0x28, 2],
  'f32.load': [0x2a, 2],
  'i32.load8_u': [0x2d, 0],
  'i32.load16_s': [0x2e, 1],
  'i32.store': [0x36, 2],
  'f32.store': [0x38, 2],
  'i32.store8': [0x3a, 0],
  'v128.load': [-1, 4],
} as const satisfies Record<string, readonly [opcode: number, align: number]>;
/** Block type of every `block`, `loop` and `if` here: no parameters, no result. */
const EMPTY_BLOCK = 0x40;

/** Unsigned LEB128. */
export function unsignedLeb(value: number): number[] {
  const out: number[] = [];
  let rest = value >>> 0;
  do {
    const byte = rest & 0x7f;
    rest >>>= 7;
    out.push(rest === 0 ? byte : byte | 0x80);
  } while (rest !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
export function signedLeb(value: number): number[] {
  const out: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

/** The bytes of `instructions`, in order (a function body's expression without its final `end`). */
export function assemble(instructions: readonly Instruction[]): number[] {
  const out: number[] = [];
  for (const [op, immediate] of instructions) {
    if (op === 'block' || op === 'loop' || op === 'if') out.push(PLAIN[op]!, EMPTY_BLOCK);
    else if (op in PLAIN) out.push(PLAIN[op]!);
    else if (op in INDEXED) out.push(INDEXED[op]!, ...unsignedLeb(immediate!));
    else if (op === 'i32.const') out.push(0x41, ...signedLeb(immediate!));
    else if (op === 'f32.const') {
      const bits = new DataView(new ArrayBuffer(4));
      bits.setFloat32(0, immediate!, true);
      out.push(0x43, ...new Uint8Array(bits.buffer));
    } else if (op === 'f32x4.extract_lane') out.push(0xfd, ...unsignedLeb(VECTOR[op]), immediate!);
    else if (op in VECTOR && op !== 'v128.load') out.push(0xfd, ...unsignedLeb(VECTOR[op as VectorOp]));
    else {
      const [opcode, align] = MEMORY[op as MemoryOp];
      const code = op === 'v128.load' ? [0xfd, ...unsignedLeb(VECTOR[op])] : [opcode];
      out.push(...code, ...unsignedLeb(align), ...unsignedLeb(immediate!));
    }
  }
  return out;
}
