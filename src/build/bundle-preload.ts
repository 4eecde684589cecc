import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// A sandboxed preload cannot load modules, so it is bundled into one CommonJS file. The main
// process needs no bundle: bin/cuewright-app.js runs its TypeScript through tsx.

const root = fileURLToPath(new URL('../../', import.meta.url));

export async function bundlePreload(): Promise<string> {
  const out = `${root}dist-electron`;
  await build({
    entryPoints: [`${root}src/preload/preload.ts`],
    outfile: `${out}/preload.cjs`,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron'],
    logLevel: 'warning',
  });
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`preload bundled into ${await bundlePreload()}`);
}
