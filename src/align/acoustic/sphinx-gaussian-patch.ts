import { assemble, type Instruction } from './wasm-assemble.ts';
import { bodyLocals, editModule, globalCount, indexOfOnly, localsBytes } from './wasm-module-edit.ts';

// Four Gaussians at a time in soundswallower's acoustic scoring, patched into its wasm.
//
// Why: PocketSphinx's PTM scoring (ptm_mgau.c, eval_cb) computes, every frame, each active
// codebook's densities one by one: d = det - sum over the stream's dimensions of
// var * (obs - mean)^2, stopping a density once d falls below the worst of the top N. Measured on
// one actor's take search (197 lines, 120 s): that loop is about 55 % of the search. Here four
// densities are computed at once with WebAssembly's 128-bit vector instructions, from a copy of
// each codebook's means and variances laid out four densities abreast (made once per model).
//
// Same results, bit for bit: each lane does the scalar code's float operations in its order
// (IEEE single precision, no fused multiply-add), and a density enters the top N under the same
// test. d only falls as dimensions are added, so "never below the threshold while computed" is
// "final d at or above it"; a group of four is abandoned only when all four are below the
// threshold it started with, and the threshold only rises as densities enter. The lanes then
// enter the top N one by one, in the scalar order, through the build's own insertion_sort_cb.
// Written for one build (soundswallower 0.6.3's wasm with sphinx-history-patch.ts applied);
// any other codebook size than a multiple of four keeps the build's own loop.

/** Function indices in soundswallower 0.6.3's wasm (imports included), read from wasm2wat. */
const FN = {
  frameEval: 431, // ptm_mgau_frame_eval(s, senone_scores, senone_active, n_active, featbuf, frame, compallsen)
  insertTopN: 302, // insertion_sort_cb(&cur, worst, best, cw, intd)
  malloc: 38,
  free: 19,
} as const;

/** Value types (WebAssembly Core Specification 2.0, 5.3.1). */
const I32 = 0x7f;
const V128 = 0x7b;

/** frame_eval's parameters (its locals start after them). */
const PARAMS = 7;

/**
 * The density loop of eval_cb as the build has it: `loop, local.get 11, local.get 18, i32.ge_u,
 * i32.eqz, if` ... `local.get 11, i32.const 4, i32.add, local.set 11, br 1, end, end`.
 */
const LOOP_START = [0x03, 0x40, 0x20, 0x0b, 0x20, 0x12, 0x4f, 0x45, 0x04, 0x40];
const LOOP_END = [0x20, 0x0b, 0x41, 0x04, 0x6a, 0x21, 0x0b, 0x0c, 0x01, 0x0b, 0x0b];

// frame_eval's locals at that loop: 0 s (ptm_mgau_t), 8 g (gauden), 14 codebook, 5 stream,
// 11 density cursor (a pointer into det, starting at 12, ending at 18), 19 the stream's
// observation, 17 the top N (best), 13 its worst entry, 20 the worst entry's score, 15 the
// stream's length, 22 the stack frame (12 bytes in: insertion_sort_cb's cursor), 24 d (f32),
// 25 the threshold (f32).
const L = { s: 0, g: 8, cb: 14, stream: 5, det: 12, detEnd: 18, cursor: 11, obs: 19 } as const;
const T = { best: 17, worst: 13, worstScore: 20, length: 15, frame: 22, d: 24, thresh: 25 } as const;

/** gauden_t's fields (byte offsets): mean[cb][stream][density], var, n_mgau, n_feat, n_density, featlen. */
const G = { mean: 0, var: 4, nCodebooks: 16, nStreams: 20, nDensities: 24, streamLength: 28 } as const;
/** ptm_mgau_t.max_topn's byte offset (int16). */
const MAX_TOPN = 36;

/** Locals the patch adds: i32s, then v128s, numbered from `first`. */
function localsFrom(first: number) {
  const i32 = [
    ...['block', 'blockEnd', 'obs', 'cw', 'seek', 'score'],
    ...['bCb', 'bStream', 'bDensity', 'bDim', 'bAt', 'bLength', 'bMean', 'bVar', 'bBad'],
  ] as const;
  const v128 = ['d4', 'thresh4', 'diff4'] as const;
  const at = Object.fromEntries([...i32, ...v128].map((name, i) => [name, first + i])) as Record<
    (typeof i32)[number] | (typeof v128)[number],
    number
  >;
  return { at, i32: i32.length, v128: v128.length };
}
type Locals = ReturnType<typeof localsFrom>['at'];

/** The new globals: the model the copy was made for (g, its means, its variances) and the copy. */
function globalsFrom(first: number) {
  return { model: first, means: first + 1, vars: first + 2, table: first + 3 };
}
type Globals = ReturnType<typeof globalsFrom>;

const get = (i: number): Instruction => ['local.get', i];
const set = (i: number): Instruction => ['local.set', i];

/** g's field. */
const field = (offset: number): Instruction[] => [get(L.g), ['i32.load', offset]];

/** &g->mean[cb][stream][0] (or var): the stream's first density, densities one after another. */
function firstDensity(table: number, cb: Instruction, stream: Instruction): Instruction[] {
  return [
    ...field(table),
    cb,
    ['i32.const', 2],
    ['i32.shl'],
    ['i32.add'],
    ['i32.load', 0],
    stream,
    ['i32.const', 2],
    ['i32.shl'],
    ['i32.add'],
    ['i32.load', 0],
    ['i32.load', 0],
  ];
}

/** g->mean[0][0][0] and g->var[0][0][0]: with g, which model's arrays the copy was made from. */
const MEANS_BASE = firstDensity(G.mean, ['i32.const', 0], ['i32.const', 0]);
const VARS_BASE = firstDensity(G.var, ['i32.const', 0], ['i32.const', 0]);

/** &table[cb * n_feat + stream]: the copy's block address for that codebook and stream. */
function tableSlot(g: Globals, cb: Instruction, stream: Instruction): Instruction[] {
  return [
    ['global.get', g.table],
    cb,
    ...field(G.nStreams),
    ['i32.mul'],
    stream,
    ['i32.add'],
    ['i32.const', 2],
    ['i32.shl'],
    ['i32.add'],
  ];
}

/** `for (v = 0; v < bound; v++) body` (bound pushed by `bound`). */
function forEach(v: number, bound: Instruction[], body: Instruction[]): Instruction[] {
  return [
    ['i32.const', 0],
    set(v),
    ['block'],
    ['loop'],
    get(v),
    ...bound,
    ['i32.ge_u'],
    ['br_if', 1],
    ...body,
    get(v),
    ['i32.const', 1],
    ['i32.add'],
    set(v),
    ['br', 0],
    ['end'],
    ['end'],
  ];
}

/**
 * The copy: a table of n_mgau x n_feat block addresses, then per codebook and stream a block where
 * for each group of four densities and each dimension come the four means, then the four
 * variances (32 bytes). Made when g or its arrays are not the ones it was made for; left at 0
 * (the build's own loop) when the densities are not a multiple of four, a variance is below 0
 * or memory runs out.
 */
function makeCopy(l: Locals, g: Globals): Instruction[] {
  const streamLength = (stream: number): Instruction[] => [
    ...field(G.streamLength),
    get(stream),
    ['i32.const', 2],
    ['i32.shl'],
    ['i32.add'],
    ['i32.load', 0],
  ];
  // dst = at + (((k >> 2) * length + dim) * 8 + (k & 3)) * 4; src = first + (k * length + dim) * 4
  const dst = (extra: number): Instruction[] => [
    get(l.bAt),
    get(l.bDensity),
    ['i32.const', 2],
    ['i32.shr_u'],
    get(l.bLength),
    ['i32.mul'],
    get(l.bDim),
    ['i32.add'],
    ['i32.const', 3],
    ['i32.shl'],
    get(l.bDensity),
    ['i32.const', 3],
    ['i32.and'],
    ['i32.add'],
    ['i32.const', 2],
    ['i32.shl'],
    ['i32.add'],
    ['i32.const', extra],
    ['i32.add'],
  ];
  const src = (first: number): Instruction[] => [
    get(first),
    get(l.bDensity),
    get(l.bLength),
    ['i32.mul'],
    get(l.bDim),
    ['i32.add'],
    ['i32.const', 2],
    ['i32.shl'],
    ['i32.add'],
  ];
  const copyBlock: Instruction[] = [
    // table[cb * n_feat + stream] = at
    ...tableSlot(g, get(l.bCb), get(l.bStream)),
    get(l.bAt),
    ['i32.store', 0],
    ...streamLength(l.bStream),
    set(l.bLength),
    ...firstDensity(G.mean, get(l.bCb), get(l.bStream)),
    set(l.bMean),
    ...firstDensity(G.var, get(l.bCb), get(l.bStream)),
    set(l.bVar),
    ...forEach(
      l.bDensity,
      field(G.nDensities),
      forEach(
        l.bDim,
        [get(l.bLength)],
        [
          ...dst(0),
          ...src(l.bMean),
          ['f32.load', 0],
          ['f32.store', 0],
          ...dst(16),
          ...src(l.bVar),
          ['f32.load', 0],
          ['f32.store', 0],
          // a variance below 0 (or NaN) would let d rise: the early stops would then differ
          get(l.bBad),
          ...src(l.bVar),
          ['f32.load', 0],
          ['f32.const', 0],
          ['f32.lt'],
          ...src(l.bVar),
          ['f32.load', 0],
          ...src(l.bVar),
          ['f32.load', 0],
          ['f32.ne'],
          ['i32.or'],
          ['i32.or'],
          set(l.bBad),
        ],
      ),
    ),
    // at += n_density * length * 8
    get(l.bAt),
    ...field(G.nDensities),
    get(l.bLength),
    ['i32.mul'],
    ['i32.const', 3],
    ['i32.shl'],
    ['i32.add'],
    set(l.bAt),
  ];
  return [
    ['global.get', g.table],
    ['call', FN.free],
    ['i32.const', 0],
    ['global.set', g.table],
    get(L.g),
    ['global.set', g.model],
    ...MEANS_BASE,
    ['global.set', g.means],
    ...VARS_BASE,
    ['global.set', g.vars],
    ...field(G.nDensities),
    ['i32.const', 3],
    ['i32.and'],
    ['i32.eqz'],
    ['if'],
    // bytes: n_mgau * n_feat * 4 + n_mgau * n_density * (sum of lengths) * 8
    ['i32.const', 0],
    set(l.bLength),
    ...forEach(l.bStream, field(G.nStreams), [
      get(l.bLength),
      ...streamLength(l.bStream),
      ['i32.add'],
      set(l.bLength),
    ]),
    ...field(G.nCodebooks),
    ...field(G.nStreams),
    ['i32.mul'],
    ['i32.const', 2],
    ['i32.shl'],
    set(l.bAt),
    get(l.bAt),
    ...field(G.nCodebooks),
    ...field(G.nDensities),
    ['i32.mul'],
    get(l.bLength),
    ['i32.mul'],
    ['i32.const', 3],
    ['i32.shl'],
    ['i32.add'],
    ['call', FN.malloc],
    ['global.set', g.table],
    ['global.get', g.table],
    ['if'],
    ['global.get', g.table],
    get(l.bAt),
    ['i32.add'],
    set(l.bAt),
    ['i32.const', 0],
    set(l.bBad),
    ...forEach(l.bCb, field(G.nCodebooks), forEach(l.bStream, field(G.nStreams), copyBlock)),
    get(l.bBad),
    ['if'],
    ['global.get', g.table],
    ['call', FN.free],
    ['i32.const', 0],
    ['global.set', g.table],
    ['end'],
    ['end'],
    ['end'],
  ];
}

/** Lane `lane` of the group at the density cursor: into the top N as eval_cb would put it. */
function enterLane(l: Locals, lane: number): Instruction[] {
  return [
    get(l.d4),
    ['f32x4.extract_lane', lane],
    set(T.d),
    get(T.worstScore),
    ['i32.load', 0],
    ['f32.convert_i32_s'],
    set(T.thresh),
    ['block'],
    // if (d < thresh) continue;
    get(T.d),
    get(T.thresh),
    ['f32.lt'],
    ['br_if', 0],
    // cw = density's index
    get(L.cursor),
    get(L.det),
    ['i32.sub'],
    ['i32.const', 2],
    ['i32.shr_u'],
    ['i32.const', lane],
    ['i32.add'],
    set(l.cw),
    // already in the top N: not entered again
    ['i32.const', 0],
    set(l.seek),
    ['loop'],
    get(l.seek),
    get(L.s),
    ['i32.load16_s', MAX_TOPN],
    ['i32.lt_s'],
    ['if'],
    get(T.best),
    get(l.seek),
    ['i32.const', 3],
    ['i32.shl'],
    ['i32.add'],
    ['i32.load', 0],
    get(l.cw),
    ['i32.eq'],
    ['br_if', 2],
    get(l.seek),
    ['i32.const', 1],
    ['i32.add'],
    set(l.seek),
    ['br', 1],
    ['end'],
    ['end'],
    // (int32)d as the build converts it: INT_MIN when out of range
    ['i32.const', -2147483648],
    set(l.score),
    get(T.d),
    ['f32.abs'],
    ['f32.const', 2147483648],
    ['f32.lt'],
    ['if'],
    get(T.d),
    ['i32.trunc_f32_s'],
    set(l.score),
    ['end'],
    get(T.frame),
    ['i32.const', 12],
    ['i32.add'],
    get(T.worst),
    get(T.best),
    get(l.cw),
    get(l.score),
    ['call', FN.insertTopN],
    ['end'],
  ];
}

/** The density loop, four at a time, over the copy's block for this codebook and stream. */
function fourAtATime(l: Locals, g: Globals): Instruction[] {
  return [
    // block = table[cb * n_feat + stream]
    ...tableSlot(g, get(L.cb), get(L.stream)),
    ['i32.load', 0],
    set(l.block),
    get(L.det),
    set(L.cursor),
    ['block'],
    ['loop'],
    get(L.cursor),
    get(L.detEnd),
    ['i32.ge_u'],
    ['br_if', 1],
    get(L.cursor),
    ['v128.load', 0],
    set(l.d4),
    get(T.worstScore),
    ['i32.load', 0],
    ['f32.convert_i32_s'],
    ['f32x4.splat'],
    set(l.thresh4),
    get(l.block),
    get(T.length),
    ['i32.const', 5],
    ['i32.shl'],
    ['i32.add'],
    set(l.blockEnd),
    get(L.obs),
    set(l.obs),
    ['block'],
    ['loop'],
    // d4 -= var4 * (obs - mean4)^2, as the scalar code: d - var * (diff * diff)
    get(l.d4),
    get(l.block),
    ['v128.load', 16],
    get(l.obs),
    ['f32.load', 0],
    ['f32x4.splat'],
    get(l.block),
    ['v128.load', 0],
    ['f32x4.sub'],
    ['local.tee', l.diff4],
    get(l.diff4),
    ['f32x4.mul'],
    ['f32x4.mul'],
    ['f32x4.sub'],
    ['local.tee', l.d4],
    // all four below the threshold: none enters
    get(l.thresh4),
    ['f32x4.ge'],
    ['v128.any_true'],
    ['i32.eqz'],
    ['br_if', 1],
    get(l.obs),
    ['i32.const', 4],
    ['i32.add'],
    set(l.obs),
    get(l.block),
    ['i32.const', 32],
    ['i32.add'],
    ['local.tee', l.block],
    get(l.blockEnd),
    ['i32.lt_u'],
    ['br_if', 0],
    ['end'],
    ...[0, 1, 2, 3].flatMap((lane) => enterLane(l, lane)),
    ['end'],
    get(l.blockEnd),
    set(l.block),
    get(L.cursor),
    ['i32.const', 16],
    ['i32.add'],
    set(L.cursor),
    ['br', 0],
    ['end'],
    ['end'],
  ];
}

/** Whether the copy is for this g and its arrays (else it is made again). */
function copyIsStale(g: Globals): Instruction[] {
  return [
    ['global.get', g.model],
    get(L.g),
    ['i32.ne'],
    ['global.get', g.means],
    ...MEANS_BASE,
    ['i32.ne'],
    ['i32.or'],
    ['global.get', g.vars],
    ...VARS_BASE,
    ['i32.ne'],
    ['i32.or'],
  ];
}

function frameEvalBody(body: Uint8Array, g: Globals): Uint8Array {
  const { groups, end } = bodyLocals(body);
  const declared = groups.reduce((n, [count]) => n + count, 0);
  const added = localsFrom(PARAMS + declared);
  const start = indexOfOnly(body, LOOP_START);
  const stop = indexOfOnly(body, LOOP_END) + LOOP_END.length;
  if (stop <= start) throw new Error('the density loop is not where expected');
  const patch: Instruction[] = [
    ...copyIsStale(g),
    ['if'],
    ...makeCopy(added.at, g),
    ['end'],
    ['global.get', g.table],
    ['if'],
    ...fourAtATime(added.at, g),
    ['else'],
  ];
  return Uint8Array.from([
    ...localsBytes([...groups, [added.i32, I32], [added.v128, V128]]),
    ...body.subarray(end, start),
    ...assemble(patch),
    ...body.subarray(start, stop),
    ...assemble([['end']]),
    ...body.subarray(stop),
  ]);
}

/**
 * soundswallower's wasm with four Gaussians scored at a time. `wasm` must be the build named by
 * sphinx-history-patch.ts's PATCHED_BUILD_SHA256 (the caller checks), history patch applied or
 * not; throws when its code is not as expected.
 */
export function patchGaussians(wasm: Uint8Array): Uint8Array<ArrayBuffer> {
  const g = globalsFrom(globalCount(wasm));
  return editModule(wasm, new Map([[FN.frameEval, (body: Uint8Array) => frameEvalBody(body, g)]]), 4);
}
