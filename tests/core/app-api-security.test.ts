import { mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/app/dispatch.ts';
import { createHandlers, type Handlers } from '../../src/app/handlers.ts';
import { PathGrants } from '../../src/app/path-grants.ts';
import { ScriptedPicker } from '../../src/app/picker.ts';
import { type AppHost, startAppHost } from '../../src/host/app-host.ts';
import { createIpcGate, isTrustedSender } from '../../src/main/ipc-gate.ts';
import type { ApiReply } from '../../src/shared/ipc.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { sine, tempDir, writeWav } from '../support/signals.ts';

// What the renderer may not do: call unknown methods, send malformed payloads, come from another
// page or window, or touch files the user did not pick. Each refusal is checked on the real
// handlers, through the same dispatch the app and the host use.

const refused = (reply: ApiReply) => (reply.ok ? 'accepted' : `${reply.error.name}: ${reply.error.message}`);

describe('the API gate', () => {
  const dir = tempDir('api');
  const picker = new ScriptedPicker();
  const handlers: Handlers = createHandlers({
    dataDir: join(dir, 'data'),
    picker,
    grants: new PathGrants(),
    mediaUrl: (t) => `/media/${t}`,
    emit: () => {},
  });
  const audio = join(dir, 'narration.wav');
  writeWav(audio, sine(16000, 1, 1, 440, 0.5), 16000);
  const secret = join(dir, 'secret.txt');
  writeFileSync(secret, 'not for the page');

  it('refuses unknown methods, including object internals and the private media lookup', async () => {
    for (const method of [
      'deleteEverything',
      '__proto__',
      'constructor',
      'toString',
      'mediaFile',
      42,
      undefined,
    ]) {
      expect(refused(await dispatch(handlers, method, {}))).toMatch(/^ApiRequestError: unknown method/);
    }
  });

  it('refuses payloads that do not match the method: wrong types, extra keys, oversized paths', async () => {
    expect(refused(await dispatch(handlers, 'openProject', { path: 42 }))).toMatch(
      /bad payload for openProject: path/,
    );
    expect(refused(await dispatch(handlers, 'openProject', { path: 'a', extra: 1 }))).toMatch(
      /bad payload.*extra/i,
    );
    expect(refused(await dispatch(handlers, 'openProject', { path: 'x'.repeat(5000) }))).toMatch(
      /bad payload/,
    );
    expect(refused(await dispatch(handlers, 'peaks', { samplesPerPixel: -1 }))).toMatch(
      /bad payload for peaks/,
    );
    expect(refused(await dispatch(handlers, 'pick', { purpose: 'anything' }))).toMatch(
      /bad payload for pick: purpose/,
    );
    expect(refused(await dispatch(handlers, 'autosave', { sheet: { version: 1 } }))).toMatch(
      /bad payload for autosave: sheet/,
    );
    expect(refused(await dispatch(handlers, 'listRecoveries', null))).toBe('accepted');
  });

  it('refuses files the user did not pick, then allows exactly the picked ones', async () => {
    expect(
      refused(await dispatch(handlers, 'newProject', { scriptPath: SAMPLE_SEED, audioPath: audio })),
    ).toMatch(/^AccessError: .*seed-chapter\.txt: not readable here; pick it/);
    expect(refused(await dispatch(handlers, 'openProject', { path: secret }))).toMatch(/^AccessError/);
    expect(refused(await dispatch(handlers, 'openProject', { path: `${dir}/data/../secret.txt` }))).toMatch(
      /^AccessError/,
    );
    expect(refused(await dispatch(handlers, 'revealInFolder', { path: '/etc/passwd' }))).toMatch(
      /^AccessError/,
    );

    picker.answers.push(SAMPLE_SEED, audio);
    expect(await dispatch(handlers, 'pick', { purpose: 'script' })).toEqual({ ok: true, value: SAMPLE_SEED });
    expect(await dispatch(handlers, 'pick', { purpose: 'audio' })).toEqual({ ok: true, value: audio });
    const opened = await dispatch(handlers, 'newProject', { scriptPath: SAMPLE_SEED, audioPath: audio });
    expect(opened.ok).toBe(true);

    // Picked for reading is not picked for writing: an export over the script is refused.
    const sheet = (opened as { value: { sheet: unknown } }).value.sheet;
    const settings = { format: 'mp3', loudness: 'podcast', sidecars: false, lyricChapters: false };
    expect(
      refused(await dispatch(handlers, 'exportProduction', { sheet, output: SAMPLE_SEED, settings })),
    ).toMatch(/^AccessError: .*not writable here/);
    expect(refused(await dispatch(handlers, 'saveProject', { path: join(dir, 'x.cwproj'), sheet }))).toMatch(
      /^AccessError/,
    );

    // A drama's stems go only into a folder picked for them (a pick of its own purpose).
    const output = join(dir, 'out.mp3');
    const stems = join(dir, 'stems');
    picker.answers.push(output);
    expect(await dispatch(handlers, 'pick', { purpose: 'export' })).toEqual({ ok: true, value: output });
    expect(refused(await dispatch(handlers, 'exportProduction', { sheet, output, settings, stems }))).toMatch(
      /^AccessError: .*stems: not writable here/,
    );
    picker.answers.push(stems);
    expect(await dispatch(handlers, 'pick', { purpose: 'stems-folder' })).toEqual({ ok: true, value: stems });
    // Picked, but this production is no drama: it has no lanes to split (nor dialogue to level).
    expect(refused(await dispatch(handlers, 'exportProduction', { sheet, output, settings, stems }))).toMatch(
      /^InputError: stems and levelling are for an audio drama assembled from takes/,
    );
    expect(
      refused(await dispatch(handlers, 'exportProduction', { sheet, output, settings, level: false })),
    ).toMatch(/^InputError: stems and levelling are for an audio drama/);
  });

  it('takes calls only from the app page in the app window', async () => {
    const gate = createIpcGate(handlers);
    const senders = [
      { frameUrl: 'https://evil.example/', fromAppWindow: true },
      { frameUrl: 'file:///home/user/page.html', fromAppWindow: true },
      { frameUrl: 'app://cuewright.evil/index.html', fromAppWindow: true },
      { frameUrl: 'app://cuewright/index.html', fromAppWindow: false },
      { frameUrl: undefined, fromAppWindow: true },
      { frameUrl: 'not a url', fromAppWindow: true },
    ];
    for (const sender of senders) {
      expect(isTrustedSender(sender)).toBe(false);
      expect(refused(await gate(sender, 'listRecoveries', {}))).toBe(
        'ApiRequestError: calls are only taken from the app window',
      );
    }
    expect(
      await gate({ frameUrl: 'app://cuewright/index.html', fromAppWindow: true }, 'listRecoveries', {}),
    ).toEqual({
      ok: true,
      value: [],
    });
  });
});

describe('the test host over HTTP', () => {
  let host: AppHost;
  let token = '';
  const hostPicker = new ScriptedPicker();
  let dataDir = '';
  beforeAll(async () => {
    dataDir = tempDir('host');
    mkdirSync(join(dataDir, 'x'), { recursive: true });
    host = await startAppHost({ dataDir, picker: hostPicker, distDir: join(dataDir, 'x') });
    writeFileSync(
      join(dataDir, 'x', 'index.html'),
      '<meta name="cuewright-token" content="%CUEWRIGHT_TOKEN%">',
    );
    const page = await (await fetch(host.url)).text();
    token = /content="([0-9a-f]+)"/.exec(page)![1]!;
  });
  afterAll(() => host.close());

  const call = (method: string, headers: Record<string, string>) =>
    fetch(`${host.url}/api/${method}`, { method: 'POST', headers, body: '{}' });

  it('serves the page with a strict CSP and answers only its own page', async () => {
    const page = await fetch(host.url);
    expect(page.headers.get('content-security-policy')).toMatch(
      /script-src 'self'; .*frame-ancestors 'none'/,
    );
    expect((await call('listRecoveries', {})).status).toBe(403);
    expect((await call('listRecoveries', { 'X-Cuewright-Token': 'wrong' })).status).toBe(403);
    expect(
      (await call('listRecoveries', { 'X-Cuewright-Token': token, Origin: 'https://evil.example' })).status,
    ).toBe(403);
    const ok = await call('listRecoveries', { 'X-Cuewright-Token': token });
    expect(await ok.json()).toEqual({ ok: true, value: [] });
    expect((await fetch(`${host.url}/events`)).status).toBe(403);
  });

  it('answers only its own address: a rebound name (another Host) gets no token, no events, no API', async () => {
    const port = new URL(host.url).port;
    const withHost = (path: string, hostHeader: string, method = 'GET') =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path,
            method,
            headers: { Host: hostHeader, 'X-Cuewright-Token': token },
          },
          (res) => {
            let body = '';
            res.on('data', (chunk) => {
              body += chunk;
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.end(method === 'POST' ? '{}' : undefined);
      });
    for (const evil of [`evil.example:${port}`, `localhost.evil.example:${port}`, 'evil.example']) {
      const page = await withHost('/', evil);
      expect(page.status).toBe(421);
      expect(page.body).not.toContain(token);
      expect((await withHost(`/events?token=${token}`, evil)).status).toBe(421);
      expect((await withHost('/api/listRecoveries', evil, 'POST')).status).toBe(421);
    }
    expect((await withHost('/', `127.0.0.1:${port}`)).body).toContain(token);
  });

  it('serves no file outside the renderer and no audio without the current token', async () => {
    expect((await fetch(`${host.url}/..%2f..%2fpackage.json`)).status).toBeGreaterThanOrEqual(403);
    expect((await fetch(`${host.url}/media/0123456789abcdef`)).status).toBe(404);
    expect((await fetch(`${host.url}/api/listRecoveries`)).status).toBe(405);
  });

  it('answers a picked file deleted since with 404, not an internal error', async () => {
    const bed = join(dataDir, 'bed.wav');
    writeWav(bed, sine(8000, 1, 0.5, 440, 0.1), 8000);
    const headers = { 'x-cuewright-token': token, 'content-type': 'application/json' };
    const api = async (method: string, body: unknown) =>
      (await (
        await fetch(`${host.url}/api/${method}`, { method: 'POST', headers, body: JSON.stringify(body) })
      ).json()) as {
        ok: boolean;
        value: string;
      };
    hostPicker.answers.push(bed);
    expect((await api('pick', { purpose: 'audio' })).value).toBe(bed);
    const url = (await api('mediaFor', { path: bed })).value;
    expect((await fetch(`${host.url}${url}`)).status).toBe(200);
    unlinkSync(bed);
    const gone = await fetch(`${host.url}${url}`);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toBe('no such file');
  });

  it('answers a malformed address with 400, not an internal error', async () => {
    for (const path of ['/%E0%A4%A', '/%', '/a%zz.js']) {
      const reply = await fetch(`${host.url}${path}`);
      expect(reply.status, path).toBe(400);
      expect(await reply.text()).toBe('bad request');
    }
  });
});
