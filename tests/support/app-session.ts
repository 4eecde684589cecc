import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { ScriptedPicker } from '../../src/app/picker.ts';
import { type AppHost, startAppHost } from '../../src/host/app-host.ts';
import { launchChromium } from './browser.ts';
import { REPO } from './paths.ts';
import { tempDir } from './signals.ts';

export const ARTIFACTS = join(REPO, 'tests/.artifacts/e2e');

/** The real renderer in Debian Chromium against a Node host of the real handlers; the picker plays the user. */
export interface AppSession {
  host: AppHost;
  picker: ScriptedPicker;
  browser: Browser;
  page: Page;
  dataDir: string;
  errors: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openAppSession(
  viewport = { width: 1400, height: 850 },
  /** The page's time zone (times shown to the user must be local). */
  timezoneId?: string,
  /** As `cuewright serve --root`: the folder a project's files must lie in. */
  root?: string,
  /** Start with the last project opened or saved, as the desktop app does. */
  reopenLast?: boolean,
): Promise<AppSession> {
  const dataDir = tempDir('app');
  const picker = new ScriptedPicker();
  const host = await startAppHost({
    dataDir,
    picker,
    ...(root ? { root } : {}),
    ...(reopenLast ? { reopenLast } : {}),
  });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport, ...(timezoneId ? { timezoneId } : {}) });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    host,
    picker,
    browser,
    page,
    dataDir,
    errors,
    async screenshot(name) {
      const path = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await browser.close();
      await host.close();
    },
  };
}

/** A session whose page is loaded and ready (the sample production open): each e2e file's start. */
export async function openReadyApp(...args: Parameters<typeof openAppSession>): Promise<AppSession> {
  const app = await openAppSession(...args);
  await app.page.goto(app.host.url);
  await app.page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
  return app;
}

/**
 * One ready app for a whole suite: opened before its first test (handed to `use`), closed after
 * its last, when the page must have logged no error.
 */
export function readyAppForSuite(use: (app: AppSession) => void): void {
  let app: AppSession | undefined;
  beforeAll(async () => {
    app = await openReadyApp();
    use(app);
  }, 150_000);
  afterAll(async () => {
    expect(app?.errors ?? []).toEqual([]);
    await app?.close();
  });
}

/**
 * Opens a saved project as a producer would (File ▸ Open, Ctrl+O, the picker answering `path`)
 * and waits until the window names it and its waveform is drawn.
 */
export async function openProjectInApp(app: AppSession, path: string): Promise<void> {
  app.picker.answers.push(path);
  await app.page.keyboard.press('Control+O');
  await app.page.waitForFunction((name) => document.title.includes(name), basename(path));
  await app.page.waitForFunction(() => performance.getEntriesByName('cuewright:waveform-drawn').length > 1);
}
