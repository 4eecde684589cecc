// A tiny WebAssembly assembler for the few instructions the recogniser's patch
// (sphinx-history-patch.ts) is written in, so the patch reads as instructions, not bytes.
// Encodings: WebAssembly Core Specification 2.0, section 5.4 (instructions) and 5.2.2 (LEB128).

/** One instruction: its mnemonic (the text format's name) and immediates. */
export type Instruction =
  | readonly [op: 'loop' | 'if' | 'else' | 'end' | 'select' | BinaryOp | 'i32.eqz']
  | readonly [op: 'local.get' | 'local.set' | 'local.tee' | 'global.get' | 'global.set', index: number]
  | readonly [op: 'call' | 'br', index: number]
  | readonly [op: 'i32.const', value: number]
  | readonly [op: MemoryOp, offset: number];

type BinaryOp = 'i32.add' | 'i32.shl' | 'i32.ne' | 'i32.lt_u' | 'i32.gt_u' | 'i32.gt_s' | 'i32.or';
type MemoryOp = 'i32.load' | 'i32.load8_u' | 'i32.store' | 'i32.store8';

const PLAIN: Record<string, number> = {
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  select: 0x1b,
  'i32.eqz': 0x45,
  'i32.ne': 0x47,
  'i32.lt_u': 0x49,
  'i32.gt_s': 0x4a,
  'i32.gt_u': 0x4b,
  'i32.add': 0x6a,
  'i32.or': 0x72,
  'i32.shl': 0x74,
};
const INDEXED: Record<string, number> = {
  br: 0x0c,
  call: 0x10,
  'local.get': 0x20,
  'local.set': 0x21,
  'local.tee': 0x22,
  'global.get': 0x23,
  'global.set': 0x24,
};
/** Memory instructions: opcode and natural alignment (log2 of the access size in bytes). */
const MEMORY: Record<MemoryOp, [opcode: number, align: number]> = {
  'i32.load': [0x28, 2],
  'i32.load8_u': [0x2d, 0],
  'i32.store': [0x36, 2],
  'i32.store8': [0x3a, 0],
};
/** Block type of every `loop` and `if` here: no parameters, no result. */
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
    if (op === 'loop' || op === 'if') out.push(PLAIN[op]!, EMPTY_BLOCK);
    else if (op in PLAIN) out.push(PLAIN[op]!);
    else if (op in INDEXED) out.push(INDEXED[op]!, ...unsignedLeb(immediate!));
    else if (op === 'i32.const') out.push(0x41, ...signedLeb(immediate!));
    else {
      const [opcode, align] = MEMORY[op as MemoryOp];
      out.push(opcode, ...unsignedLeb(align), ...unsignedLeb(immediate!));
    }
  }
  return out;
}
