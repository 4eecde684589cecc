import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/paths.ts';

// The layering in DESIGN.md, checked on the real sources: cues <- audio <- {src, renderer}.
function sourcesOf(layer: string): string[] {
  const dir = join(REPO, layer);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f));
}

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]/g)].map(
    (m) => m[1]!,
  );
}

const ALLOWED_PACKAGES: Record<string, RegExp> = {
  cues: /^zod$/,
  // Pure wasm/TS codecs are allowed in audio/ (DESIGN.md): mediabunny and its encoder extensions.
  audio: /^(?:zod|mediabunny|@mediabunny\/[\w-]+)$/,
};

describe('layering', () => {
  for (const layer of ['cues', 'audio']) {
    it(`${layer}/ imports nothing from Node, Electron, the DOM or a higher layer`, () => {
      const allowedLayers = layer === 'cues' ? ['cues'] : ['cues', 'audio'];
      for (const file of sourcesOf(layer)) {
        for (const spec of importsOf(file)) {
          const where = `${relative(REPO, file)} imports ${spec}`;
          if (spec.startsWith('.')) {
            const target = relative(REPO, resolve(file, '..', spec)).split(/[\\/]/)[0]!;
            expect(allowedLayers, where).toContain(target);
          } else {
            expect(spec, where).toMatch(ALLOWED_PACKAGES[layer]!);
          }
        }
      }
    });
  }

  it('renderer/ reaches the back end only through types: no Node, no Electron, no src/ code', () => {
    const files = sourcesOf('renderer/src');
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(
        /(?:^|\n)\s*(import|export)(\s+type)?\b[^'"]*?from\s*['"]([^'"]+)['"]/g,
      )) {
        const [, , typeOnly, spec] = m as unknown as [string, string, string | undefined, string];
        const where = `${relative(REPO, file)} imports ${spec}`;
        expect(spec, where).not.toMatch(/^(?:node:|electron)/);
        if (spec.startsWith('.')) {
          const target = relative(REPO, resolve(file, '..', spec)).split(/[\\/]/)[0]!;
          expect(['cues', 'audio', 'renderer', ...(typeOnly ? ['src'] : [])], where).toContain(target);
        } else {
          expect(spec, where).toMatch(/^(?:tone|wavesurfer\.js(?:\/.*)?)$/);
        }
      }
    }
  });

  it('cues/ actually has sources to check', () => {
    expect(sourcesOf('cues').length).toBeGreaterThan(5);
  });
});
