#!/usr/bin/env node
// `npm run planted-bugs`: plants, one at a time, the bugs a review of the test suite planted
// (issue #19: an off-by-one, a flipped comparison, a dropped step, in the modules that matter),
// runs the tests that cover each, and restores the file. Every bug must make a test fail. Run it
// on a clean checkout: it refuses to touch a file with uncommitted changes.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');

/** Each bug: the file, the text replaced, what replaces it, and the tests that must catch it. */
const BUGS = [
  // audio/export/id3v2.ts: the ID3 chapter tag
  [
    'ID3 frame sizes synchsafe in a 2.3 tag (the common wrong size encoding)',
    'audio/export/id3v2.ts',
    'concat([latin1(id), u32be(body.length), Uint8Array.of(0, 0), body])',
    'concat([latin1(id), synchsafe(body.length), Uint8Array.of(0, 0), body])',
    ['id3v2-chapters', 'chapter-limits', 'export-formats'],
  ],
  [
    'ID3 chapter end equal to its start',
    'audio/export/id3v2.ts',
    'Math.round(chapter.end * 1000),',
    'Math.round(chapter.start * 1000),',
    ['id3v2-chapters'],
  ],
  [
    'ID3 CTOC flags dropped',
    'audio/export/id3v2.ts',
    'Uint8Array.of(0, flags, children.length)',
    'Uint8Array.of(0, 0, children.length)',
    ['id3v2-chapters', 'chapter-limits'],
  ],
  [
    'ID3 >255-chapter split drops one chapter per table',
    'audio/export/id3v2.ts',
    'ids.slice(i, i + 255)',
    'ids.slice(i, i + 254)',
    ['id3v2-chapters', 'chapter-limits'],
  ],
  [
    'ID3 tag size as a plain number',
    'audio/export/id3v2.ts',
    'Uint8Array.of(3, 0, 0), synchsafe(body.length), body]',
    'Uint8Array.of(3, 0, 0), u32be(body.length), body]',
    ['id3v2-chapters'],
  ],
  [
    'ID3 chapter titles dropped',
    'audio/export/id3v2.ts',
    '...times, title])',
    '...times])',
    ['id3v2-chapters'],
  ],
  // audio/align/map-cues.ts: the TTS engine's cue placement
  [
    'map-cues: pause snapping dropped',
    'audio/align/map-cues.ts',
    'if (before !== undefined) start = before;',
    '',
    ['map-cues'],
  ],
  [
    'map-cues: confidence inverted',
    'audio/align/map-cues.ts',
    'typical / Math.max(mean, 1e-9)',
    'Math.max(mean, 1e-9) / typical',
    ['map-cues'],
  ],
  [
    'map-cues: end frame off by one',
    'audio/align/map-cues.ts',
    'frameOf(cue.end) - 1',
    'frameOf(cue.end)',
    ['map-cues'],
  ],
  [
    'map-cues: start snapped to the wrong pause edge',
    'audio/align/map-cues.ts',
    'pauses.map((p) => p.end),',
    'pauses.map((p) => p.start),',
    ['map-cues'],
  ],
  [
    'map-cues: snapping reach 10x too wide',
    'audio/align/map-cues.ts',
    'const SNAP_SECONDS = 0.25;',
    'const SNAP_SECONDS = 2.5;',
    ['map-cues'],
  ],
  [
    'map-cues: confidence no longer held to 1',
    'audio/align/map-cues.ts',
    'Math.min(1, typical / Math.max(mean, 1e-9))',
    'typical / Math.max(mean, 1e-9)',
    ['map-cues'],
  ],
  // cues/readers/prose/quotes.ts: dialogue in other languages
  [
    'quotes: German „…“ closing dropped',
    'cues/readers/prose/quotes.ts',
    "'„': ['“', '”'],",
    "'„': ['”'],",
    ['quote-styles'],
  ],
  [
    'quotes: » closing « dropped',
    'cues/readers/prose/quotes.ts',
    "'«': ['»'],",
    "'«': [],",
    ['quote-styles'],
  ],
  [
    'quotes: Japanese 」 closing dropped',
    'cues/readers/prose/quotes.ts',
    "'「': ['」'],",
    "'「': [],",
    ['quote-styles'],
  ],
  // audio/loudness/loudness-meter.ts: BS.1770
  [
    'loudness: LFE weighted in 5.1',
    'audio/loudness/loudness-meter.ts',
    'index === 3 ? 0 :',
    'index === 3 ? 1 :',
    ['audio-loudness'],
  ],
  [
    'loudness: 1 LU offset',
    'audio/loudness/loudness-meter.ts',
    'const LUFS_OFFSET = -0.691;',
    'const LUFS_OFFSET = -1.691;',
    ['audio-loudness', 'export-formats', 'loudness-delivered'],
  ],
  [
    'loudness: surrounds weighted 1',
    'audio/loudness/loudness-meter.ts',
    'index >= 4 && index <= 5 ? 1.41 : 1',
    'index >= 4 && index <= 5 ? 1 : 1',
    ['audio-loudness'],
  ],
  // src/project/project-store.ts and src/io: saves
  [
    'save: written straight over the project, no part file',
    'src/io/atomic-write.ts',
    '  const part = await PartFile.create(path);',
    "  if (path) return (await import('node:fs/promises')).writeFile(path, data);\n  const part = await PartFile.create(path);",
    ['project-files'],
  ],
  [
    'save: no backup kept',
    'src/project/project-store.ts',
    '  await keepBackup(path);',
    '',
    ['project-files', 'project-backups'],
  ],
  [
    'save: no fsync before the rename',
    'src/io/part-file.ts',
    '    await this.file.sync();\n',
    '',
    ['project-files'],
  ],
  // Timelines and goldens
  [
    'MP3 encoder priming not declared (LAME tag delay 0)',
    'audio/export/mp3-info-frame.ts',
    'out[lame + 21] = delay >> 4;',
    'out[lame + 21] = 0;',
    ['export-formats', 'sidecar-timeline'],
  ],
  [
    'every chapter 100 ms late',
    'cues/sidecars/chapter-marks.ts',
    'marks.push({ title: s.title, start: s.start, end })',
    'marks.push({ title: s.title, start: s.start + 0.1, end })',
    ['export-formats', 'sidecars', 'id3v2-chapters'],
  ],
  ['seed golden file deleted', 'tests/fixtures/seed.cues.golden.json', null, null, ['seed-golden']],
  [
    'a parser that hangs on one character (the hang guard names it)',
    'cues/sidecars/audacity-labels.ts',
    'export function readAudacityLabels(text: string)',
    'export function readAudacityLabels(text: string)',
    ['sidecars'],
    'hang',
  ],
];

function run(tests) {
  const files = tests.map((t) => `tests/core/${t}.test.ts`);
  const result = spawnSync('npx', ['vitest', 'run', ...files], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, CI: '1', NO_COLOR: '1' },
  });
  const failed = /Tests\s+.*?(\d+) failed/.exec(result.stdout);
  return { status: result.status, failed: failed ? Number(failed[1]) : 0 };
}

const only = process.argv[2];
const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: repo, encoding: 'utf8' });
const rows = [];
for (const [name, file, from, to, tests, kind] of BUGS) {
  if (only && !name.includes(only)) continue;
  const path = resolve(repo, file);
  if (dirty.includes(` ${file}\n`))
    throw new Error(`${file} has uncommitted changes: commit or stash them first`);
  const original = readFileSync(path);
  try {
    if (from === null) renameSync(path, `${path}.planted`);
    else {
      const text = original.toString('utf8');
      if (!text.includes(from))
        throw new Error(`${file}: the text to replace is gone (the code moved): ${from}`);
      let planted = text.replace(from, to);
      if (kind === 'hang')
        planted = planted.replace(
          /(export function readAudacityLabels\(text: string\)[^{]*\{)/,
          "$1\n  if (text.includes('\\u0007')) for (;;) {}",
        );
      writeFileSync(path, planted);
    }
    const outcome = run(tests);
    const caught = outcome.status !== 0;
    rows.push({ name, file, tests, caught, failed: outcome.failed });
    console.log(
      `${caught ? 'caught  ' : 'SURVIVED'}  ${name}  (${outcome.failed} failing; ${tests.join(', ')})`,
    );
  } finally {
    if (from === null && existsSync(`${path}.planted`)) renameSync(`${path}.planted`, path);
    else writeFileSync(path, original);
  }
}
const survived = rows.filter((r) => !r.caught);
const table = [
  '| Planted bug | File | Tests run | Caught |',
  '|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.name} | \`${r.file}\` | ${r.tests.join(', ')} | ${r.caught ? `yes (${r.failed} failing)` : '**no**'} |`,
  ),
].join('\n');
if (!only)
  writeFileSync(
    resolve(repo, 'reports/mutation/planted-bugs.md'),
    `# Planted bugs (npm run planted-bugs)\n\n${table}\n`,
  );
console.log(`\n${rows.length - survived.length} of ${rows.length} planted bugs caught`);
process.exitCode = survived.length > 0 ? 1 : 0;
