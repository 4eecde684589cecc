import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { withChapterStarts } from '../../cues/chapter-starts.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { ScriptedPicker } from '../../src/app/picker.ts';
import { buildRenderer } from '../../src/build/build-renderer.ts';
import { startAppHost } from '../../src/host/app-host.ts';
import { PROJECT_VERSION } from '../../src/project/project-schema.ts';
import { saveProject } from '../../src/project/project-store.ts';
import { chromiumPresent, launchChromium } from '../support/browser.ts';
import { BENCH_DIR, hourOfNarration } from './bench-fixtures.ts';

// The app with a big production, measured in Chromium: a 2,000-cue, 3-hour project opened through
// the real UI (cold: peaks computed; warm: peaks from the cache), then zoom and scroll frames.

const HOURS = 3;
const CUES = 2000;
const FRAME_BUDGET_MS = 1000 / 60;

// Runs in the page, as source text: the bundler's helpers for named functions do not exist there.
const FRAME_PROBE = `(async () => {
  const app = window.cuewrightApp;
  const intervals = [];
  const work = [];
  let last = performance.now();
  let running = true;
  function tick(t) {
    intervals.push(t - last);
    last = t;
    if (running) requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
  function frame() { return new Promise((r) => requestAnimationFrame(r)); }
  function layout() { document.querySelector('#waveform').getBoundingClientRect(); }
  for (const level of [2, 3, 5, 8, 13, 20, 30, 50, 80, 120, 200, 120, 50, 20, 8, 3]) {
    const t = performance.now();
    app.waveform.zoom(level);
    layout();
    work.push(performance.now() - t);
    await frame();
    await frame();
  }
  // The redraw once the steps stop belongs to the zoom: wait for it.
  await new Promise((r) => setTimeout(r, 400));
  const zoomIntervals = intervals.splice(0);
  app.waveform.zoom(50);
  await new Promise((r) => setTimeout(r, 400));
  intervals.splice(0);
  for (let i = 0; i < 300; i++) {
    const t = performance.now();
    app.waveform.wavesurfer.setScroll(i * 120);
    layout();
    work.push(performance.now() - t);
    await frame();
  }
  running = false;
  return { zoomIntervals, scrollIntervals: intervals.splice(0), work };
})()`;

function bigScript(): string {
  const parts: string[] = [];
  for (let i = 0; parts.length < CUES; i++) {
    if (i % 100 === 0) parts.push(`Chapter ${i / 100 + 1}`);
    else
      parts.push(
        `Paragraph ${i}: she walked to the window and watched the rain fall on the empty street below.`,
      );
  }
  return parts.join('\n\n');
}

/**
 * Waits until the project just opened has its waveform drawn: only a waveform drawn after the
 * project was shown counts (the one shown before may still mark its own after marks are cleared).
 */
export async function openedWaveformDrawn(page: Page, timeout: number): Promise<void> {
  await page.waitForFunction(
    () => {
      const shown = performance.getEntriesByName('cuewright:project-shown')[0];
      return (
        shown !== undefined &&
        performance.getEntriesByName('cuewright:waveform-drawn').some((m) => m.startTime >= shown.startTime)
      );
    },
    null,
    { timeout },
  );
}

export async function benchApp(): Promise<void> {
  console.log(`\n## App: ${CUES}-cue, ${HOURS}-hour project in Chromium`);
  if (!chromiumPresent) {
    console.log('  skipped: /usr/bin/chromium is not installed');
    return;
  }
  const audio = await hourOfNarration(HOURS);
  const text = bigScript();
  const parsed = parseScript(text, { fileName: 'big.txt' });
  const step = (HOURS * 3600) / parsed.cues.length;
  const sheet = withChapterStarts({
    ...parsed,
    cues: parsed.cues.map((c, i) => ({ ...c, start: i * step, end: i * step + step * 0.9, confidence: 0.9 })),
  });
  const dir = join(BENCH_DIR, 'app');
  mkdirSync(dir, { recursive: true });
  const projectPath = join(dir, 'big.cwproj');
  await saveProject(projectPath, {
    app: 'cuewright',
    version: PROJECT_VERSION,
    script: { path: 'big.txt', text },
    recordings: [{ id: 'rec-1', path: audio, size: 0, duration: HOURS * 3600 }],
    sheet,
    savedAt: new Date().toISOString(),
  });

  await buildRenderer();
  const picker = new ScriptedPicker();
  // A fresh data folder each run, so the first open computes peaks (cold) and the second reads them.
  const dataDir = join(dir, `data-${Date.now()}`);
  const host = await startAppHost({ dataDir, picker });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(host.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 180_000 });
    const opens: number[] = [];
    for (const run of ['cold', 'warm']) {
      picker.answers.push(projectPath);
      await page.evaluate(() => performance.clearMarks());
      await page.keyboard.press('Control+O');
      await openedWaveformDrawn(page, 120_000);
      const ms = await page.evaluate(
        () =>
          performance.getEntriesByName('cuewright:project-shown')[0]!.startTime -
          performance.getEntriesByName('cuewright:open-requested')[0]!.startTime,
      );
      opens.push(ms);
      const steps = (await page.evaluate(`(() => {
        const names = ['open-requested', 'view-received', 'script-shown', 'project-shown', 'waveform-drawn'];
        const at = (name) => performance.getEntriesByName('cuewright:' + name).at(-1).startTime;
        return names.slice(1).map((n, i) => n + ' +' + Math.round(at(n) - at(names[i])) + ' ms').join(', ');
      })()`)) as string;
      console.log(
        `  open (${run}${run === 'cold' ? ': peaks computed from the WAV' : ': peaks cached'}): ${(ms / 1000).toFixed(2)} s (${steps})`,
      );
    }
    const counts = await page.evaluate(() => ({
      cues: document.querySelectorAll('#script .cue').length,
      chapters: window.cuewrightApp!.store.sheet.chapters.length,
    }));
    console.log(
      `  shown: ${counts.cues} cues in the script, ${counts.chapters} chapters (goal: open <= 2 s)`,
    );

    // Every panel open as an editor works: the Cues tab (a row per cue) in the side area, a cue in
    // the middle selected (inspector filled, its region highlighted), the transport and meter shown.
    await page.click('#tab-cues');
    await page.evaluate(() => {
      const app = window.cuewrightApp!;
      const cues = app.store.sheet.cues;
      app.store.select([cues[Math.floor(cues.length / 2)]!.id]);
    });
    const open = await page.evaluate(() => ({
      tab: document.querySelector('#side-tabs [aria-selected="true"]')?.textContent,
      rows: document.querySelectorAll(
        '#side-panels [role="tabpanel"]:not([hidden]) tr, #side-panels [role="tabpanel"]:not([hidden]) li',
      ).length,
      inspector: document.querySelectorAll('#inspector input').length,
    }));
    console.log(
      `  panels open: side tab ${open.tab} (${open.rows} rows), inspector with ${open.inspector} fields, transport, level meter`,
    );

    // Frames while zooming in steps and scrolling continuously: rAF intervals (16.7 ms = no frame dropped).
    const frames = (await page.evaluate(FRAME_PROBE)) as {
      zoomIntervals: number[];
      scrollIntervals: number[];
      work: number[];
    };
    const stats = (xs: number[]) => {
      const s = xs.slice(1).sort((a, b) => a - b);
      const p = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
      return `p50 ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, max ${s.at(-1)!.toFixed(1)} ms, ${(
        (100 * s.filter((x) => x > FRAME_BUDGET_MS * 1.5).length) / s.length
      ).toFixed(0)} % dropped`;
    };
    console.log(`  zoom frames (rAF interval): ${stats(frames.zoomIntervals)}`);
    console.log(`  scroll frames (rAF interval): ${stats(frames.scrollIntervals)}`);
    const p95 = (xs: number[]) => {
      const s = xs.slice(1).sort((a, b) => a - b);
      return s[Math.min(s.length - 1, Math.floor(0.95 * s.length))]!;
    };
    for (const [name, xs] of [
      ['zoom', frames.zoomIntervals],
      ['scroll', frames.scrollIntervals],
    ] as const)
      console.log(
        `  frame budget, ${name}: p95 ${p95(xs).toFixed(1)} ms against the ${FRAME_BUDGET_MS.toFixed(1)} ms goal (${(p95(xs) / FRAME_BUDGET_MS).toFixed(2)}x${p95(xs) <= FRAME_BUDGET_MS * 1.05 ? ', met' : ', over'})`,
      );
    const work = frames.work.slice().sort((a, b) => a - b);
    console.log(
      `  work per zoom/scroll step (script + layout): p95 ${work[Math.floor(0.95 * work.length)]!.toFixed(1)} ms, max ${work.at(-1)!.toFixed(1)} ms; budget ${FRAME_BUDGET_MS.toFixed(1)} ms (p95 = ${(
        work[Math.floor(0.95 * work.length)]! / FRAME_BUDGET_MS
      ).toFixed(2)}x the budget)`,
    );
    console.log(
      `  open vs the 2 s goal: cold ${(opens[0]! / 2000).toFixed(2)}x, warm ${(opens[1]! / 2000).toFixed(2)}x`,
    );
  } finally {
    await browser.close();
    await host.close();
  }
}
