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

/** What a file imports: each specifier, with whether the import is of types only. */
function importsWithKind(file: string): Array<{ spec: string; typeOnly: boolean }> {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:^|\n)\s*(?:import|export)(\s+type)?\b[^'"]*?from\s*['"]([^'"]+)['"]/g)].map(
    (m) => ({ spec: m[2]!, typeOnly: m[1] !== undefined }),
  );
}

function importsOf(file: string): string[] {
  return importsWithKind(file).map((i) => i.spec);
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

  // src/shared holds what both sides of the app agree on (the command table, file-name rules,
  // event and IPC shapes): the renderer may run its code, so it must be pure too.
  it('src/shared/ is pure: no Node, no Electron, nothing else of src/', () => {
    const files = sourcesOf('src/shared');
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      for (const { spec, typeOnly } of importsWithKind(file)) {
        const where = `${relative(REPO, file)} imports ${spec}`;
        if (typeOnly) continue;
        expect(spec, where).not.toMatch(/^(?:node:|electron)/);
        if (spec.startsWith('.')) {
          const target = relative(REPO, resolve(file, '..', spec));
          expect(/^(?:cues|audio)[\\/]/.test(target) || /^src[\\/]shared[\\/]/.test(target), where).toBe(
            true,
          );
        } else expect(spec, where).toMatch(/^zod$/);
      }
    }
  });

  it('renderer/ reaches the back end only through types and src/shared: no Node, no Electron, no other src/ code', () => {
    const files = sourcesOf('renderer/src');
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      for (const { spec, typeOnly } of importsWithKind(file)) {
        const where = `${relative(REPO, file)} imports ${spec}`;
        expect(spec, where).not.toMatch(/^(?:node:|electron)/);
        if (spec.startsWith('.')) {
          const path = relative(REPO, resolve(file, '..', spec));
          const target = /^src[\\/]shared[\\/]/.test(path) ? 'src/shared' : path.split(/[\\/]/)[0]!;
          expect(['cues', 'audio', 'renderer', 'src/shared', ...(typeOnly ? ['src'] : [])], where).toContain(
            target,
          );
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
