import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { CONTENT_SECURITY_POLICY } from '../host/content-security.ts';

// Bundles the renderer into renderer/dist/: one ES module (wavesurfer and Tone included, nothing
// fetched at run time), the stylesheet, and index.html with the app's CSP written in.

const renderer = (path: string) => fileURLToPath(new URL(`../../renderer/${path}`, import.meta.url));

export async function buildRenderer(outDir = renderer('dist/')): Promise<string> {
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [renderer('src/main.ts')],
    outfile: `${outDir}/main.js`,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    sourcemap: true,
    minify: false,
    logLevel: 'warning',
  });
  const html = await readFile(renderer('index.html'), 'utf8');
  await writeFile(`${outDir}/index.html`, html.replace('%CUEWRIGHT_CSP%', CONTENT_SECURITY_POLICY));
  await writeFile(`${outDir}/styles.css`, await readFile(renderer('styles.css')));
  return outDir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = await buildRenderer();
  console.log(`renderer built into ${out}`);
}
