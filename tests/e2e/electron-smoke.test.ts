import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { bundlePreload } from '../../src/build/bundle-preload.ts';
import { REPO } from '../support/paths.ts';

// The real Electron app, when its binary is here (the `electron` package downloads it on first
// run, which this network does not allow). Without it this says so and does not pretend.

function electronBinary(): string | undefined {
  const dir = join(REPO, 'node_modules/electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

const binary = electronBinary();
const canDisplay = Boolean(process.env.DISPLAY) || spawnSync('which', ['Xvfb']).status === 0;
const reason = !binary
  ? 'the Electron binary is not downloaded (node_modules/electron/path.txt is missing)'
  : !canDisplay
    ? 'there is no display and no Xvfb'
    : undefined;
if (reason) console.warn(`electron smoke test did NOT run: ${reason}`);

describe('the Electron shell', () => {
  let xvfb: ChildProcess | undefined;
  afterAll(() => xvfb?.kill());

  it.skipIf(reason !== undefined)(
    'launches sandboxed, with only the bridge exposed, and opens the sample',
    async () => {
      await bundlePreload();
      const env = Object.fromEntries(
        Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
      );
      if (!env.DISPLAY) {
        xvfb = spawn('Xvfb', [':97', '-screen', '0', '1400x900x24'], { stdio: 'ignore' });
        env.DISPLAY = ':97';
        await new Promise((r) => setTimeout(r, 500));
      }
      const app = await electron.launch({
        executablePath: binary!,
        args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), REPO],
        env,
      });
      try {
        const page = await app.firstWindow();
        await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
        expect(page.url()).toBe('app://cuewright/index.html');
        const exposed = await page.evaluate(() => ({
          bridge: Object.keys(window.cuewrightBridge ?? {}).sort(),
          require: typeof (window as unknown as { require?: unknown }).require,
          process: typeof (window as unknown as { process?: unknown }).process,
        }));
        expect(exposed).toEqual({
          bridge: ['invoke', 'onEvent', 'pathForFile'],
          require: 'undefined',
          process: 'undefined',
        });
        expect(await page.locator('#script .cue').count()).toBeGreaterThan(20);
        const popup = await page.evaluate(() => window.open('https://example.com') === null);
        expect(popup).toBe(true);
        await page.screenshot({ path: join(REPO, 'tests/.artifacts/e2e/electron-window.png') });
      } finally {
        await app.close();
      }
    },
  );
});
