import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../cues/input-error.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { dispatch } from '../../src/app/dispatch.ts';
import { createHandlers } from '../../src/app/handlers.ts';
import { PathGrants } from '../../src/app/path-grants.ts';
import { ScriptedPicker } from '../../src/app/picker.ts';
import { PROJECT_VERSION, type ProjectFile } from '../../src/project/project-schema.ts';
import { parseProject } from '../../src/project/project-store.ts';
import { HangGuard, isRefusal } from '../support/hang-guard.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { rng, tempDir } from '../support/signals.ts';

// The project loader and the API payload gate on thousands of generated and mutated inputs: each
// either loads or is refused with a clear error, never crashes, and each answer comes quickly.

const script = readFileSync(SAMPLE_SEED, 'utf8');
const valid = JSON.stringify({
  app: 'cuewright',
  version: PROJECT_VERSION,
  script: { path: 'seed.txt', text: script },
  recordings: [{ id: 'rec-1', path: 'narration.wav', size: 1, duration: 1 }],
  sheet: parseScript(script),
  savedAt: '2026-11-25T00:00:00.000Z',
});

const guard = new HangGuard(new URL('../../src/project/project-store.ts', import.meta.url));

async function loadsOrRefuses(text: string): Promise<void> {
  const outcome = await guard.call<ProjectFile>(
    `project of ${text.length} characters`,
    'parseProject',
    'fuzz.cwproj',
    text,
  );
  if (outcome.error) {
    expect(isRefusal(outcome), outcome.error.message).toBe(true);
    expect(outcome.error.message).toMatch(/^fuzz\.cwproj: /);
  } else expect(outcome.value.app).toBe('cuewright');
  // The same input in this thread: a refusal is an InputError by class, not only by name.
  try {
    parseProject('fuzz.cwproj', text);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
  }
}

describe('project loader fuzzing', () => {
  it('takes any JSON value or string without crashing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), (value) => loadsOrRefuses(JSON.stringify(value))),
      { numRuns: 800 },
    );
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 400 }), loadsOrRefuses), { numRuns: 800 });
  });

  it('takes mutated real projects: flipped bytes, cuts, splices, wrong types', async () => {
    const random = rng(11);
    const pick = (n: number) => Math.floor(random() * n);
    for (let run = 0; run < 600; run++) {
      let text = valid;
      const mutations = 1 + pick(4);
      for (let m = 0; m < mutations; m++) {
        const at = pick(text.length);
        switch (pick(5)) {
          case 0:
            text = text.slice(0, at) + String.fromCharCode(pick(128)) + text.slice(at + 1);
            break;
          case 1:
            text = text.slice(0, at);
            break;
          case 2:
            text = text.slice(0, at) + text.slice(pick(text.length));
            break;
          case 3:
            text = text.replace(
              /"(start|end|version|duration|size)":\d+/,
              `"$1":${['"x"', 'null', '-1', '1e999', '[]'][pick(5)]}`,
            );
            break;
          default:
            text = text.replace(/"kind":"\w+"/, `"kind":"${['lyric', 'x', '', 'note'][pick(4)]}"`);
        }
      }
      await loadsOrRefuses(text);
    }
  });
});

describe('API payload fuzzing', () => {
  it('answers every method with every kind of payload, refusing the bad ones cleanly', async () => {
    const handlers = createHandlers({
      dataDir: tempDir('api-fuzz'),
      picker: new ScriptedPicker(),
      grants: new PathGrants(),
      mediaUrl: (t) => t,
      emit: () => {},
    });
    // Methods that do real work given a valid payload are fuzzed with invalid shapes only.
    const methods = [
      'openProject',
      'saveProject',
      'autosave',
      'peaks',
      'align',
      'exportProduction',
      'pick',
      'mediaFor',
      'relinkAudio',
      'newProject',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methods), fc.anything(), async (method, payload) => {
        const reply = await dispatch(handlers, method, payload);
        if (!reply.ok) expect(reply.error.name).not.toBe('InternalError');
      }),
      { numRuns: 1500 },
    );
  });
});
