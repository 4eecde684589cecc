#!/usr/bin/env node
// `npm run mutate [-- MODULE...]`: Stryker over the modules named (folders such as audio/export, or
// single files), each module with its own incremental file and report under reports/mutation/, so
// a re-run after a change tests only the mutants the change touched. With no argument every module
// is run in turn. Installs Stryker into tools/mutate/node_modules on first use.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LEAVE_OUT, MODULES } from './modules.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');

function installStryker() {
  const lock = readFileSync(resolve(here, 'package-lock.json'));
  const want = createHash('sha256').update(lock).digest('hex');
  const stamp = resolve(here, 'node_modules/.lock-stamp');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
  writeFileSync(stamp, want);
}

/** The sandbox lives in .stryker-tmp/REPORT/sandbox-*; tests find ../shared beside the repo. */
function linkSharedBesideSandbox(report) {
  const tmp = resolve(repo, '.stryker-tmp', report);
  mkdirSync(tmp, { recursive: true });
  const link = resolve(tmp, 'shared');
  if (!existsSync(link)) symlinkSync(resolve(repo, '../shared'), link);
}

function reportName(target) {
  return target.replace(/\.ts$/, '').replaceAll('/', '-');
}

function mutate(target) {
  const isFile = target.endsWith('.ts');
  const glob = isFile ? target : `${target.replace(/\/$/, '')}/**/*.ts`;
  const module = Object.keys(MODULES).find((m) => target === m || target.startsWith(`${m}/`));
  const tests = module
    ? MODULES[module].filter((t) => existsSync(resolve(repo, `tests/core/${t}.test.ts`)))
    : [];
  console.log(`\n== mutate ${glob}`);
  linkSharedBesideSandbox(reportName(target));
  const run = spawnSync(
    process.execPath,
    [
      resolve(here, 'node_modules/@stryker-mutator/core/bin/stryker.js'),
      'run',
      'tools/mutate/stryker.config.mjs',
    ],
    {
      cwd: repo,
      stdio: 'inherit',
      env: {
        ...process.env,
        CUEWRIGHT_MUTATE: glob,
        CUEWRIGHT_MUTATE_REPORT: reportName(target),
        CUEWRIGHT_MUTATE_TESTS: tests.join(','),
        ...(module && LEAVE_OUT[module] ? { CUEWRIGHT_MUTATE_LEAVE_OUT: LEAVE_OUT[module] } : {}),
      },
    },
  );
  if (run.status !== 0) failed.push(target);
  else recordRun(reportName(target));
}

/** When each report was made (reports/mutation/runs.json): a clone's file times say nothing. */
function recordRun(name) {
  const index = resolve(repo, 'reports/mutation/runs.json');
  const runs = existsSync(index) ? JSON.parse(readFileSync(index, 'utf8')) : {};
  runs[name] = new Date().toISOString();
  writeFileSync(index, `${JSON.stringify(runs, null, 2)}\n`);
}

installStryker();
const targets = process.argv.slice(2);
const failed = [];
for (const target of targets.length > 0 ? targets : Object.keys(MODULES)) mutate(target);
execFileSync(process.execPath, [resolve(here, 'score-table.mjs')], { cwd: repo, stdio: 'inherit' });
if (failed.length > 0) {
  console.error(`stryker failed on ${failed.join(', ')}`);
  process.exitCode = 1;
}
