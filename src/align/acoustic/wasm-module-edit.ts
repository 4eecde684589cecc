import { concat } from '../../../audio/export/bytes.ts';
import { unsignedLeb } from './wasm-assemble.ts';

// Just enough of the WebAssembly binary format to swap function bodies, add locals to a body and
// add mutable i32 globals in a compiled module (WebAssembly Core Specification 2.0, sections 5.5:
// modules, and 5.5.13: a code entry's locals).

const SECTION = { import: 2, global: 6, code: 10 } as const;

interface Section {
  id: number;
  /** Byte range of the section's contents (after its id and size). */
  start: number;
  end: number;
}

/** Unsigned LEB128 at `at`: the value and where the next field starts. */
function readLeb(bytes: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    if (byte === undefined) throw new Error('the module ends inside a number');
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) return [value, at];
  }
}

function sectionsOf(bytes: Uint8Array): Section[] {
  if (bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new Error('not a WebAssembly module');
  }
  const out: Section[] = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at]!;
    const [size, start] = readLeb(bytes, at + 1);
    out.push({ id, start, end: start + size });
    at = start + size;
  }
  return out;
}

/** Functions and globals the module imports (they come first in each index space). */
function importCounts(bytes: Uint8Array, sections: Section[]): { functions: number; globals: number } {
  const counts = { functions: 0, globals: 0 };
  const section = sections.find((s) => s.id === SECTION.import);
  if (!section) return counts;
  let [n, at] = readLeb(bytes, section.start);
  const skipName = () => {
    const [length, next] = readLeb(bytes, at);
    at = next + length;
  };
  const skipLimits = () => {
    const hasMax = bytes[at++] === 1;
    at = readLeb(bytes, at)[1];
    if (hasMax) at = readLeb(bytes, at)[1];
  };
  while (n-- > 0) {
    skipName();
    skipName();
    const kind = bytes[at++];
    if (kind === 0) {
      counts.functions++;
      at = readLeb(bytes, at)[1];
    } else if (kind === 1) {
      at++; // reference type
      skipLimits();
    } else if (kind === 2) skipLimits();
    else {
      counts.globals++;
      at += 2; // value type, mutability
    }
  }
  return counts;
}

/** How many globals the module has, imported and its own: the first index `editModule` adds. */
export function globalCount(bytes: Uint8Array): number {
  const sections = sectionsOf(bytes);
  const own = sections.find((s) => s.id === SECTION.global);
  return importCounts(bytes, sections).globals + (own ? readLeb(bytes, own.start)[0] : 0);
}

/** A function's body as stored: its locals' declarations and its expression, ending with `end`. */
export type BodyEdit = (body: Uint8Array) => Uint8Array;

/**
 * The module with the bodies of the functions in `bodies` (keyed by function index, imports
 * included) replaced by what each edit returns for the old body, and `newGlobals` mutable i32
 * globals (each starting at 0) appended after the existing ones.
 * Throws when a function index is not one of the module's own functions.
 */
export function editModule(
  bytes: Uint8Array,
  bodies: Map<number, BodyEdit>,
  newGlobals: number,
): Uint8Array<ArrayBuffer> {
  const sections = sectionsOf(bytes);
  const imported = importCounts(bytes, sections).functions;
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  for (const section of sections) {
    let contents = bytes.subarray(section.start, section.end);
    if (section.id === SECTION.code) contents = editCode(contents, imported, bodies);
    if (section.id === SECTION.global && newGlobals > 0) contents = addGlobals(contents, newGlobals);
    parts.push(Uint8Array.from([section.id, ...unsignedLeb(contents.length)]), contents);
  }
  return concat(parts);
}

function editCode(contents: Uint8Array, imported: number, bodies: Map<number, BodyEdit>): Uint8Array {
  let [n, at] = readLeb(contents, 0);
  for (const index of bodies.keys()) {
    if (index < imported || index >= imported + n)
      throw new Error(`function ${index} is not in the code section`);
  }
  const parts: Uint8Array[] = [Uint8Array.from(unsignedLeb(n))];
  for (let i = 0; i < n; i++) {
    const [size, start] = readLeb(contents, at);
    const body = contents.subarray(start, start + size);
    const edit = bodies.get(imported + i);
    const kept = edit ? edit(body) : body;
    parts.push(Uint8Array.from(unsignedLeb(kept.length)), kept);
    at = start + size;
  }
  return concat(parts);
}

function addGlobals(contents: Uint8Array, count: number): Uint8Array {
  const [n, at] = readLeb(contents, 0);
  // i32, mutable, initialised by (i32.const 0) end.
  const added = Array.from({ length: count }, () => [0x7f, 0x01, 0x41, 0x00, 0x0b]).flat();
  return Uint8Array.from([...unsignedLeb(n + count), ...contents.subarray(at), ...added]);
}

/** A body's local declarations ([count, value type] groups) and where its expression starts. */
export function bodyLocals(body: Uint8Array): { groups: Array<[count: number, type: number]>; end: number } {
  let [n, at] = readLeb(body, 0);
  const groups: Array<[number, number]> = [];
  for (; n > 0; n--) {
    const [count, next] = readLeb(body, at);
    groups.push([count, body[next]!]);
    at = next + 1;
  }
  return { groups, end: at };
}

/** The bytes declaring local groups `groups` ([count, value type]), as a body starts. */
export function localsBytes(groups: Array<readonly [count: number, type: number]>): number[] {
  return [...unsignedLeb(groups.length), ...groups.flatMap(([count, type]) => [...unsignedLeb(count), type])];
}

/** Where `needle` occurs in `haystack`; throws unless exactly once (the code is not as expected). */
export function indexOfOnly(haystack: Uint8Array, needle: number[]): number {
  const found: number[] = [];
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((byte, j) => haystack[i + j] === byte)) found.push(i);
  }
  if (found.length !== 1) throw new Error(`expected one place to patch, found ${found.length}`);
  return found[0]!;
}
