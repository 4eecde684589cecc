import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

// Debian's Chromium driven by playwright-core (Playwright's own browser downloads do not work
// here). The flags keep it quiet, offline and allowed to play audio without a gesture.

export const CHROMIUM = process.env.CUEWRIGHT_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumPresent = existsSync(CHROMIUM);

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}
