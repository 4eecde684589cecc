import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { withChapterStarts } from '../../cues/chapter-starts.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { placementsOf } from '../../cues/production/place-on-recordings.ts';
import { defaultTimeline, type Recording } from '../../cues/production/timeline.ts';
import { ScriptedPicker } from '../../src/app/picker.ts';
import { buildRenderer } from '../../src/build/build-renderer.ts';
import { startAppHost } from '../../src/host/app-host.ts';
import { PROJECT_VERSION } from '../../src/project/project-schema.ts';
import { saveProject } from '../../src/project/project-store.ts';
import { chromiumPresent, launchChromium } from '../support/browser.ts';
import { openedWaveformDrawn } from './bench-app.ts';
import { BENCH_DIR } from './bench-fixtures.ts';
import { recordings as chapterFiles } from './bench-production.ts';

// The goal "Opening a 20-file project: first interaction under 2 s with peaks cached", measured in
// Chromium through the real UI: a project of 20 MP3 chapters (30 min each by default, cut from the
// bench's hour of narration; CUEWRIGHT_BENCH_APP_PRODUCTION=FILESxMINUTES to change), its script
// placed across them. The peaks are made by a first open (into a data folder kept between runs);
// then each open is timed from Ctrl+O to the first interaction handled: a real click on a cue in
// the script, issued as soon as the project is shown, until the app has selected that cue. The
// click goes through Playwright, so its round trip is counted too (the figure is not flattered).

const GOAL_MS = 2000;
const RUNS = 3;
const PARAGRAPHS_PER_CHAPTER = 60;

function scale(): { files: number; minutes: number } {
  const [files, minutes] = (process.env.CUEWRIGHT_BENCH_APP_PRODUCTION ?? '20x30').split('x').map(Number);
  if (!files || !minutes) throw new Error('CUEWRIGHT_BENCH_APP_PRODUCTION is FILESxMINUTES, e.g. 20x30');
  return { files, minutes };
}

function seconds(path: string): number {
  const probe = spawnSync(
    'ffprobe',
    ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', path],
    {
      encoding: 'utf8',
    },
  );
  const duration = Number(probe.stdout);
  if (probe.status !== 0 || !(duration > 0))
    throw new Error(`ffprobe could not read ${path}: ${probe.stderr}`);
  return duration;
}

/** The project file: one chapter per recording, its paragraphs spread over the recording. */
async function writeProject(paths: string[], dir: string): Promise<string> {
  const parts: string[] = [];
  paths.forEach((_p, f) => {
    parts.push(`Chapter ${f + 1}`);
    for (let i = 1; i < PARAGRAPHS_PER_CHAPTER; i++)
      parts.push(`Paragraph ${i} of chapter ${f + 1}: she walked to the window and watched the rain fall.`);
  });
  const text = parts.join('\n\n');
  const parsed = parseScript(text, { fileName: 'book.txt' });
  const recordings: Recording[] = paths.map((path, i) => ({
    id: `rec-${i + 1}`,
    path,
    size: 0,
    duration: seconds(path),
  }));
  const starts = recordings.map((_, i) => recordings.slice(0, i).reduce((t, r) => t + r.duration, 0));
  const perFile = Math.ceil(parsed.cues.length / paths.length);
  const cues = parsed.cues.map((c, i) => {
    const f = Math.min(paths.length - 1, Math.floor(i / perFile));
    const step = recordings[f]!.duration / perFile;
    const start = starts[f]! + (i - f * perFile) * step;
    return { ...c, start, end: start + step * 0.9, confidence: 0.9 };
  });
  const sheet = withChapterStarts({ ...parsed, cues });
  const projectPath = join(dir, `book-${paths.length}.cwproj`);
  await saveProject(projectPath, {
    app: 'cuewright',
    version: PROJECT_VERSION,
    script: { path: 'book.txt', text },
    recordings,
    placements: placementsOf(sheet, defaultTimeline(recordings)),
    sheet,
    savedAt: new Date().toISOString(),
  });
  return projectPath;
}

export async function benchAppProduction(): Promise<void> {
  const { files, minutes } = scale();
  console.log(`\n## App: opening a ${files}-file project (${files} x ${minutes} min MP3) in Chromium`);
  if (!chromiumPresent) {
    console.log('  skipped: /usr/bin/chromium is not installed');
    return;
  }
  const dir = join(BENCH_DIR, 'app-production');
  mkdirSync(dir, { recursive: true });
  const projectPath = await writeProject(await chapterFiles(files, minutes), dir);
  await buildRenderer();
  const picker = new ScriptedPicker();
  // Kept between runs: the peaks of the recordings stay cached in it.
  const host = await startAppHost({ dataDir: join(dir, `data-${files}x${minutes}`), picker });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(host.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 180_000 });
    const open = async (): Promise<{ interaction: number; shown: number; drawn: number; steps: string }> => {
      picker.answers.push(projectPath);
      await page.evaluate(() => {
        performance.clearMarks();
        window.cuewrightApp!.store.select([]);
      });
      await page.keyboard.press('Control+O');
      await page.waitForFunction(
        () => performance.getEntriesByName('cuewright:project-shown').length > 0,
        null,
        {
          timeout: 600_000,
          polling: 'raf',
        },
      );
      // The first interaction: a click on a cue of the script, handled when that cue is selected.
      await page.click('#script .cue >> nth=3');
      await page.waitForFunction(() => window.cuewrightApp!.store.selection.cueIds.length > 0, null, {
        polling: 'raf',
      });
      const interaction = await page.evaluate(
        () => performance.now() - performance.getEntriesByName('cuewright:open-requested')[0]!.startTime,
      );
      await openedWaveformDrawn(page, 600_000);
      // As source text: the bundler's helper for named functions does not exist in the page.
      const at = (await page.evaluate(`(() => {
        const t = (name) => performance.getEntriesByName('cuewright:' + name)[0].startTime;
        const names = ['open-requested', 'view-received', 'script-shown', 'project-shown'];
        const steps = names.slice(1).map((n, i) => n + ' +' + Math.round(t(n) - t(names[i])) + ' ms').join(', ');
        return { shown: t('project-shown') - t('open-requested'), drawn: t('waveform-drawn') - t('open-requested'), steps };
      })()`)) as { shown: number; drawn: number; steps: string };
      return { interaction, ...at };
    };
    const first = await open();
    console.log(
      `  first open (peaks made unless cached by an earlier run): first interaction ${(first.interaction / 1000).toFixed(2)} s, waveform drawn ${(first.drawn / 1000).toFixed(2)} s`,
    );
    const warm: Array<{ interaction: number; shown: number; drawn: number; steps: string }> = [];
    for (let i = 0; i < RUNS; i++) warm.push(await open());
    const cues = await page.evaluate(() => ({
      cues: document.querySelectorAll('#script .cue').length,
      recordings: window.cuewrightApp!.store.production.recordings.length,
    }));
    const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[xs.length >> 1]!;
    const interaction = median(warm.map((w) => w.interaction));
    console.log(
      `  peaks cached, ${RUNS} opens: first interaction ${warm.map((w) => (w.interaction / 1000).toFixed(2)).join(', ')} s (median ${(interaction / 1000).toFixed(2)} s); project shown median ${(median(warm.map((w) => w.shown)) / 1000).toFixed(2)} s; waveform drawn median ${(median(warm.map((w) => w.drawn)) / 1000).toFixed(2)} s`,
    );
    console.log(`  last open's steps: ${warm.at(-1)!.steps}`);
    console.log(
      `  machine load average while measured: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
    );
    console.log(`  shown: ${cues.recordings} recordings, ${cues.cues} cues in the script`);
    console.log(
      `  first interaction vs the 2 s goal: ${(interaction / GOAL_MS).toFixed(2)}x (${interaction <= GOAL_MS ? 'met' : 'over'})`,
    );
  } finally {
    await browser.close();
    await host.close();
  }
}

// `npx tsx tests/bench/bench-app-production.ts`: this measurement alone.
if (import.meta.url === `file://${process.argv[1]}`) await benchAppProduction();
