#!/usr/bin/env node
// Per-module mutation score from the JSON reports in reports/mutation/ (mutation-testing-report-
// schema), newest report first for each file. Prints the table and writes it into README.md between
// the mutation-table markers. Score as Stryker defines it: detected (killed + timeout) over valid
// mutants (detected + survived + no coverage); compile errors are left out. A file's report is
// current when the source it mutated is the file as it is now; stale and low files are listed.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MODULES } from './modules.mjs';

const repo = resolve(import.meta.dirname, '../..');
const dir = resolve(repo, 'reports/mutation');
// Newest first, by the time run-mutate.mjs recorded for each report (file times, for one it did not).
const runsPath = resolve(dir, 'runs.json');
const runs = existsSync(runsPath) ? JSON.parse(readFileSync(runsPath, 'utf8')) : {};
const reports = readdirSync(dir)
  .filter((name) => name.endsWith('.json') && !name.endsWith('.incremental.json') && name !== 'runs.json')
  .map((name) => {
    const path = resolve(dir, name);
    const recorded = runs[name.replace(/\.json$/, '')];
    return { path, time: recorded ? Date.parse(recorded) : statSync(path).mtimeMs };
  })
  .sort((a, b) => b.time - a.time);

/**
 * file → its mutant statuses and the source they were measured on (to tell a current report from
 * a stale one), from the newest report that holds the file.
 */
const files = new Map();
for (const report of reports) {
  const json = JSON.parse(readFileSync(report.path, 'utf8'));
  for (const [file, result] of Object.entries(json.files ?? {})) {
    const rel = file.startsWith(repo) ? file.slice(repo.length + 1) : file;
    if (!files.has(rel))
      files.set(rel, { statuses: result.mutants.map((m) => m.status), source: result.source });
  }
}

function score(statuses) {
  const count = (s) => statuses.filter((x) => x === s).length;
  const detected = count('Killed') + count('Timeout');
  const valid = detected + count('Survived') + count('NoCoverage');
  return { detected, valid, survived: count('Survived'), noCoverage: count('NoCoverage') };
}

/** The module's source files (what Stryker mutates there). */
function sourcesOf(module) {
  return readdirSync(resolve(repo, module), { recursive: true })
    .map((name) => `${module}/${String(name).replaceAll('\\', '/')}`)
    .filter((name) => name.endsWith('.ts'));
}

function isCurrent(file) {
  return files.get(file).source === readFileSync(resolve(repo, file), 'utf8');
}

function percent(s) {
  return s.valid === 0 ? 100 : (100 * s.detected) / s.valid;
}

const rows = [];
const stale = [];
const low = [];
for (const module of Object.keys(MODULES)) {
  const sources = sourcesOf(module);
  const measured = sources.filter((file) => files.has(file));
  const statuses = measured.flatMap((file) => files.get(file).statuses);
  const current = measured.filter(isCurrent);
  stale.push(...sources.filter((file) => !current.includes(file)));
  for (const file of measured) {
    const filePct = percent(score(files.get(file).statuses));
    if (filePct < 80) low.push(`${file} ${filePct.toFixed(1)} %`);
  }
  const coverage = `${measured.length} of ${sources.length}`;
  const currentCount = `${current.length} of ${sources.length}`;
  if (statuses.length === 0) {
    rows.push([`\`${module}\``, 'not run', '', '', '', coverage, currentCount]);
    continue;
  }
  const s = score(statuses);
  rows.push([
    `\`${module}\``,
    `${percent(s).toFixed(1)} %`,
    `${s.detected} / ${s.valid}`,
    `${s.survived}`,
    `${s.noCoverage}`,
    coverage,
    currentCount,
  ]);
}
const table = markdownTable(
  ['Module', 'Mutation score', 'Detected / valid', 'Survived', 'No coverage', 'Files measured', 'Current'],
  rows,
);
console.log(`\n${table}\n`);
// Not current: never measured, or changed since the report that measured it.
if (stale.length > 0) console.log(`Not current (${stale.length}):\n  ${stale.join('\n  ')}`);
if (low.length > 0) console.log(`Files under 80 % (${low.length}):\n  ${low.join('\n  ')}`);

const readmePath = resolve(repo, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const marked = /(<!-- mutation-table -->\n)[\s\S]*?(\n<!-- \/mutation-table -->)/;
if (marked.test(readme)) writeFileSync(readmePath, readme.replace(marked, `$1${table}$2`));

/** A table with its columns padded, as the project's formatter (biome) writes Markdown. */
function markdownTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}
