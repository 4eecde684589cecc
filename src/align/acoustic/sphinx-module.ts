import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import createModule, { type SoundSwallowerModule } from 'soundswallower';
import { patchGaussians } from './sphinx-gaussian-patch.ts';
import { PATCHED_BUILD_SHA256, patchFsgHistory } from './sphinx-history-patch.ts';

// Every recogniser instance (aligner, spotting and take workers) is made here, so each gets the
// patched end of frame (sphinx-history-patch.ts) and Gaussians scored four at a time
// (sphinx-gaussian-patch.ts) when the installed soundswallower is the build they were written
// for, and the package's own wasm otherwise (same results, slower).

/** The wasm to instantiate; `patched` says whether the patches are in it. */
export interface SphinxWasm {
  bytes: Uint8Array<ArrayBuffer>;
  patched: boolean;
}

const cache = new Map<boolean, SphinxWasm>();

/**
 * Set to `off` in the environment, every recogniser loads the package's own wasm: the patches'
 * way out, and a way for anyone to check that they change nothing but the time taken.
 */
export const PATCHES_SWITCH = 'CUEWRIGHT_RECOGNISER_PATCHES';

/**
 * The installed soundswallower's wasm, patched when `patch`, the build is the known one and
 * PATCHES_SWITCH is not `off`.
 */
export function sphinxWasm(patch = process.env[PATCHES_SWITCH] !== 'off'): SphinxWasm {
  let wasm = cache.get(patch);
  if (!wasm) {
    const path = new URL('./soundswallower.node.wasm', import.meta.resolve('soundswallower'));
    const bytes = new Uint8Array(readFileSync(path));
    const known = createHash('sha256').update(bytes).digest('hex') === PATCHED_BUILD_SHA256;
    wasm =
      patch && known
        ? { bytes: patchGaussians(patchFsgHistory(bytes)), patched: true }
        : { bytes, patched: false };
    cache.set(patch, wasm);
  }
  return wasm;
}

/** A soundswallower module reading its model from `modelBase`; `patch: false` gives the package's own. */
export function createSphinxModule(
  modelBase: string,
  patch = process.env[PATCHES_SWITCH] !== 'off',
): Promise<SoundSwallowerModule> {
  const settings = { modelBase, wasmBinary: sphinxWasm(patch).bytes };
  return createModule(settings as unknown as Parameters<typeof createModule>[0]);
}
