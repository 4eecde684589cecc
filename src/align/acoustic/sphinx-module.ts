import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import createModule, { type SoundSwallowerModule } from 'soundswallower';
import { PATCHED_BUILD_SHA256, patchFsgHistory } from './sphinx-history-patch.ts';

// Every recogniser instance (aligner, spotting and take workers) is made here, so each gets the
// patched end of frame (sphinx-history-patch.ts) when the installed soundswallower is the build
// it was written for, and the package's own wasm otherwise (same results, slower).

/** The wasm to instantiate; `patched` says whether the faster end of frame is in it. */
export interface SphinxWasm {
  bytes: Uint8Array<ArrayBuffer>;
  patched: boolean;
}

const cache = new Map<boolean, SphinxWasm>();

/** The installed soundswallower's wasm, patched when `patch` and the build is the known one. */
export function sphinxWasm(patch = true): SphinxWasm {
  let wasm = cache.get(patch);
  if (!wasm) {
    const path = new URL('./soundswallower.node.wasm', import.meta.resolve('soundswallower'));
    const bytes = new Uint8Array(readFileSync(path));
    const known = createHash('sha256').update(bytes).digest('hex') === PATCHED_BUILD_SHA256;
    wasm = patch && known ? { bytes: patchFsgHistory(bytes), patched: true } : { bytes, patched: false };
    cache.set(patch, wasm);
  }
  return wasm;
}

/** A soundswallower module reading its model from `modelBase`; `patch: false` gives the package's own. */
export function createSphinxModule(modelBase: string, patch = true): Promise<SoundSwallowerModule> {
  const settings = { modelBase, wasmBinary: sphinxWasm(patch).bytes };
  return createModule(settings as unknown as Parameters<typeof createModule>[0]);
}
