import { assemble, type Instruction } from './wasm-assemble.ts';
import { editModule, globalCount, indexOfOnly } from './wasm-module-edit.ts';

// A faster end of frame for soundswallower's grammar search, patched into its wasm.
//
// Why: PocketSphinx's fsg_history_end_frame (fsg_history.c) runs twice a frame and visits every
// grammar state times every context phone (about 2,250 x 42 for an actor of 197 lines), calling
// glist_free on each empty list; that scan, not the search, was most of the take search's time
// (2,000 unreachable states added to a grammar took a search from 26 to 46 CPU s). Here
// fsg_history_entry_add marks the state whose list it fills, and end_frame visits marked states
// only, in the same order as before, so the history (and every result) is the same entry for
// entry; only the empty lists are no longer visited. The patch is written for one build
// (soundswallower 0.6.3's wasm, by its SHA-256) and applies to nothing else.

/** SHA-256 of soundswallower 0.6.3's wasm (node and web builds are the same file). */
export const PATCHED_BUILD_SHA256 = '02ffea996ee62bec979513325302ecfbbec96c68e95c5b3171094f47c7b27229';

/** Function indices in that build (imports included), read from its disassembly (wasm2wat). */
const FN = {
  endFrame: 358, // fsg_history_end_frame(fsg_history_t *h)
  entryAdd: 172, // fsg_history_entry_add(h, link, frame, score, pred, lc, rc)
  blkarrayAppend: 315, // blkarray_list_append(list, ptr)
  glistFree: 35,
  malloc: 38,
  free: 19,
} as const;

/** fsg_history_t's fields (byte offsets): fsg, entries, frame_entries[state][lc], n_ciphone. */
const H = { fsg: 0, entries: 4, frameEntries: 8, nCiphone: 12 } as const;
/** fsg_model_t.n_state's byte offset. */
const N_STATE = 32;

/**
 * In entry_add, the bytes after which the list's slot `&frame_entries[s][lc]` is in local 8 and
 * the state s in local 14: `i32.add local.set 8 local.get 6 i32.load offset=12 local.set 9`.
 */
const SLOT_READY = [0x6a, 0x21, 0x08, 0x20, 0x06, 0x28, 0x02, 0x0c, 0x21, 0x09];
const SLOT_READY_AT = 3;

/** The new globals: the marks (one byte a state), how many states they hold, "marks incomplete". */
function globalsFrom(first: number) {
  return { marks: first, capacity: first + 1, overflow: first + 2 };
}
type Globals = ReturnType<typeof globalsFrom>;

/** entry_add's addition: mark state s (local 14), or note that the marks cannot hold it. */
function markState(g: Globals): Instruction[] {
  return [
    ['global.get', g.capacity],
    ['local.get', 14],
    ['i32.gt_u'],
    ['if'],
    ['global.get', g.marks],
    ['local.get', 14],
    ['i32.add'],
    ['i32.const', 1],
    ['i32.store8', 0],
    ['else'],
    ['i32.const', 1],
    ['global.set', g.overflow],
    ['end'],
  ];
}

// end_frame's locals: 0 h (its parameter), 1 state, 2 list cursor, 3 context phone, 4 slot,
// 5 the state's row, 6 number of context phones, 7 number of states.

/** Moves state (local 1)'s lists into the history and empties them: the original loop body. */
const flushState: Instruction[] = [
  // row = h->frame_entries[state]; for (lc = 0; lc != n_ciphone; lc++)
  ['local.get', 0],
  ['i32.load', H.frameEntries],
  ['local.get', 1],
  ['i32.const', 2],
  ['i32.shl'],
  ['i32.add'],
  ['i32.load', 0],
  ['local.set', 5],
  ['i32.const', 0],
  ['local.set', 3],
  ['loop'],
  ['local.get', 3],
  ['local.get', 6],
  ['i32.ne'],
  ['if'],
  ['local.get', 5],
  ['local.get', 3],
  ['i32.const', 2],
  ['i32.shl'],
  ['i32.add'],
  ['local.tee', 4],
  ['i32.load', 0],
  // if (row[lc]): each entry on the list is appended to h->entries
  ['if'],
  ['local.get', 4],
  ['local.set', 2],
  ['loop'],
  ['local.get', 2],
  ['i32.load', 0],
  ['local.tee', 2],
  ['if'],
  ['local.get', 0],
  ['i32.load', H.entries],
  ['local.get', 2],
  ['i32.load', 0],
  ['call', FN.blkarrayAppend],
  ['local.get', 2],
  ['i32.const', 8],
  ['i32.add'],
  ['local.set', 2],
  ['br', 1],
  ['end'],
  ['end'],
  // glist_free(row[lc]); row[lc] = NULL
  ['local.get', 4],
  ['i32.load', 0],
  ['call', FN.glistFree],
  ['local.get', 4],
  ['i32.const', 0],
  ['i32.store', 0],
  ['end'],
  ['local.get', 3],
  ['i32.const', 1],
  ['i32.add'],
  ['local.set', 3],
  ['br', 1],
  ['end'],
  ['end'],
];

/** for (state = 0; state < limit; state++) body */
function eachState(limit: Instruction, body: Instruction[]): Instruction[] {
  return [
    ['i32.const', 0],
    ['local.set', 1],
    ['loop'],
    ['local.get', 1],
    limit,
    ['i32.lt_u'],
    ['if'],
    ...body,
    ['local.get', 1],
    ['i32.const', 1],
    ['i32.add'],
    ['local.set', 1],
    ['br', 1],
    ['end'],
    ['end'],
  ];
}

function endFrame(g: Globals): Instruction[] {
  const mark: Instruction[] = [['global.get', g.marks], ['local.get', 1], ['i32.add']];
  const atLeastZero = (n: number): Instruction[] => [
    ['local.tee', n],
    ['i32.const', 0],
    ['local.get', n],
    ['i32.const', 0],
    ['i32.gt_s'],
    ['select'],
  ];
  return [
    ['local.get', 0],
    ['i32.load', H.nCiphone],
    ...atLeastZero(1),
    ['local.set', 6],
    ['local.get', 0],
    ['i32.load', H.fsg],
    ['i32.load', N_STATE],
    ...atLeastZero(1),
    ['local.set', 7],
    // Marks incomplete (the first frame, a larger grammar): every state, as the original does,
    // then marks for this many states, all clear.
    ['global.get', g.overflow],
    ['global.get', g.capacity],
    ['local.get', 7],
    ['i32.lt_u'],
    ['i32.or'],
    ['if'],
    ...eachState(['local.get', 7], flushState),
    ['global.get', g.capacity],
    ['local.get', 7],
    ['i32.lt_u'],
    ['if'],
    ['global.get', g.marks],
    ['call', FN.free],
    ['local.get', 7],
    ['call', FN.malloc],
    ['global.set', g.marks],
    ['local.get', 7],
    ['i32.const', 0],
    ['global.get', g.marks],
    ['select'],
    ['global.set', g.capacity],
    ['end'],
    ...eachState(['global.get', g.capacity], [...mark, ['i32.const', 0], ['i32.store8', 0]]),
    ['i32.const', 0],
    ['global.set', g.overflow],
    ['else'],
    ...eachState(
      ['local.get', 7],
      [
        ...mark,
        ['i32.load8_u', 0],
        ['if'],
        ...mark,
        ['i32.const', 0],
        ['i32.store8', 0],
        ...flushState,
        ['end'],
      ],
    ),
    ['end'],
  ];
}

/** Seven i32 locals (as the original end_frame declares), then the expression and its `end`. */
function endFrameBody(g: Globals): Uint8Array {
  return Uint8Array.from([0x01, 0x07, 0x7f, ...assemble(endFrame(g)), 0x0b]);
}

function entryAddBody(body: Uint8Array, g: Globals): Uint8Array {
  const at = indexOfOnly(body, SLOT_READY) + SLOT_READY_AT;
  return Uint8Array.from([...body.subarray(0, at), ...assemble(markState(g)), ...body.subarray(at)]);
}

/**
 * soundswallower's wasm with the faster end of frame. `wasm` must be the build named by
 * PATCHED_BUILD_SHA256 (the caller checks the hash); throws when its code is not as expected.
 */
export function patchFsgHistory(wasm: Uint8Array): Uint8Array<ArrayBuffer> {
  const g = globalsFrom(globalCount(wasm));
  const bodies = new Map([
    [FN.endFrame, () => endFrameBody(g)],
    [FN.entryAdd, (body: Uint8Array) => entryAddBody(body, g)],
  ]);
  return editModule(wasm, bodies, 3);
}
