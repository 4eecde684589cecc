import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { dispatch } from '../../src/app/dispatch.ts';
import { PROJECT_VERSION, type ProjectFile } from '../../src/project/project-schema.ts';
import { loadProject } from '../../src/project/project-store.ts';
import { takesKept } from '../../src/project/takes-kept.ts';
import type { LineTakesEntry, Take } from '../../src/project/takes-schema.ts';
import type { ApiReply, ProjectView } from '../../src/shared/ipc.ts';
import { appHandlers } from '../support/app-handlers.ts';
import { sine, tempDir, writeWav } from '../support/signals.ts';

// An assembled drama (`cuewright assemble`) opened in the app: its takes per line must come
// through every save (the app once dropped them), and stay loadable when a recording goes.

const take = (recording: string, start: number, complete = true): Take => ({
  recording,
  start,
  end: start + 1,
  complete,
  words: complete ? 4 : 2,
  of: 4,
  fit: 0.8,
});

describe('takesKept', () => {
  const lines: LineTakesEntry[] = [
    { cue: 'c1', takes: [take('a', 1), take('b', 2)], pick: 1 },
    { cue: 'c2', takes: [take('a', 3), take('b', 4), take('a', 5)], pick: 2 },
    { cue: 'c3', takes: [take('b', 6)] },
  ];

  it('keeps every line as it was when every recording is still there', () => {
    expect(takesKept(lines, new Set(['a', 'b']))).toEqual(lines);
  });

  it('drops the takes of a removed recording, the pick following its take or flagged', () => {
    const kept = takesKept(lines, new Set(['a']));
    expect(kept[0]).toEqual({
      cue: 'c1',
      takes: [take('a', 1)],
      review: 'its picked take was in a recording removed from the project',
    });
    expect(kept[1]).toEqual({ cue: 'c2', takes: [take('a', 3), take('a', 5)], pick: 1 });
    expect(kept[2]).toEqual({ cue: 'c3', takes: [] });
    // A line none of whose takes went is the same entry.
    expect(takesKept(lines, new Set(['b']))[2]).toBe(lines[2]);
  });

  it('moves a pick to the front when the takes before it went, and keeps review notes', () => {
    const noted: LineTakesEntry[] = [
      { cue: 'c1', takes: [take('b', 1), take('a', 2)], pick: 1 },
      { cue: 'c2', takes: [take('b', 3), take('a', 4)], pick: 1, review: 'a cough under the last word' },
      { cue: 'c3', takes: [take('b', 5), take('a', 6)], review: 'no take is complete' },
    ];
    expect(takesKept(noted, new Set(['a']))).toEqual([
      { cue: 'c1', takes: [take('a', 2)], pick: 0 },
      { cue: 'c2', takes: [take('a', 4)], pick: 0, review: 'a cough under the last word' },
      { cue: 'c3', takes: [take('a', 6)], review: 'no take is complete' },
    ]);
  });
});

describe('an assembled project saved by the app', () => {
  it('keeps its takes, and loads again after a recording is removed', async () => {
    const dir = tempDir('takes-saved');
    const { handlers, picker } = appHandlers(dir);
    const call = async (method: string, payload: unknown) => {
      const reply: ApiReply = await dispatch(handlers, method, payload);
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.value;
    };
    const a = writeWav(join(dir, 'mara-1.wav'), sine(16000, 3, 1, 220, 0.3), 16000);
    const b = writeWav(join(dir, 'mara-2.wav'), sine(16000, 3, 1, 330, 0.3), 16000);
    const text = 'MARA: Who is there?\n\nTOM: Only me.\n';
    const sheet = parseScript(text);
    const [first, second] = sheet.cues.filter((c) => c.kind === 'dialogue');
    const takes: LineTakesEntry[] = [
      { cue: first!.id, takes: [take('rec-1', 0.2), take('rec-2', 0.5)], pick: 1 },
      { cue: second!.id, takes: [take('rec-1', 1.5)], pick: 0 },
    ];
    const file: ProjectFile = {
      app: 'cuewright',
      version: PROJECT_VERSION,
      script: { path: join(dir, 'drama.txt'), text },
      recordings: [
        { id: 'rec-1', path: a, size: 0, duration: 3 },
        { id: 'rec-2', path: b, size: 0, duration: 3 },
      ],
      takes,
      sheet,
      savedAt: new Date().toISOString(),
    };
    const path = join(dir, 'drama.cwproj');
    writeFileSync(path, JSON.stringify(file));
    picker.answers.push(path);
    await handlers.pick({ purpose: 'project' });
    const view = (await call('openProject', { path })) as ProjectView;

    await call('saveProject', { sheet: view.sheet });
    expect((await loadProject(path)).takes).toEqual(takes);

    // Recording 2 removed in the Recordings tab: its take goes, the line it played is flagged.
    await call('saveProject', {
      sheet: view.sheet,
      production: { recordings: [{ id: 'rec-1', path: a }] },
    });
    const saved = await loadProject(path);
    expect(saved.recordings.map((r) => r.id)).toEqual(['rec-1']);
    expect(saved.takes).toEqual([
      {
        cue: first!.id,
        takes: [take('rec-1', 0.2)],
        review: 'its picked take was in a recording removed from the project',
      },
      takes[1],
    ]);
    expect(readFileSync(path, 'utf8')).not.toContain('rec-2');
  });
});
