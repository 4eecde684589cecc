import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { spokenSession } from '../support/drama-fixture.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';

// Speech that matched no line is named (issue 17): a fresh tester's three clean takes of a line
// went unheard and the line was only "missing: no take found", nothing saying where to listen.
// Here the actor reads the first line twice and, between, a sentence that is not the second line
// (as a line said otherwise than written, or chat): the second line is missing, and the speech
// left over is named in a notice, in the line's review and in `--json`. Real takes: festival.

const SCRIPT = `MARTIN: The lantern is broken again, and all of the oil is gone.

MARTIN: We should have left the harbour before the storm came in.
`;

const LINE = 'The lantern is broken again, and all of the oil is gone.';
const OTHER = 'Purple elephants were dancing quietly beside the river on a Tuesday morning.';

describe('speech that matched no line', () => {
  let parts: Array<{ start: number; end: number }>;
  let json: {
    takes: Array<{ takes: Array<{ start: number; end: number; complete: boolean }>; review?: string }>;
    notices: string[];
    unmatched: Array<{ speaker: string; file: string; start: number; end: number }>;
  };
  let stderr: string;
  let stdout: string;

  beforeAll(() => {
    requireTools('the actor is a festival voice', 'ffmpeg', 'festival');
    const made = spokenSession('take-unmatched', 'martin', [LINE, OTHER, LINE], [1, 1, 1, 1]);
    parts = made.parts;
    const dir = dirname(made.session);
    writeFileSync(join(dir, 'script.txt'), SCRIPT);
    const run = runCli(
      ['assemble', 'script.txt', '--takes', '.', '-o', 'out.cwproj', '--json'],
      dir,
      600_000,
    );
    expect(run.status, run.stderr).toBe(0);
    json = JSON.parse(run.stdout);
    stderr = run.stderr;
    stdout = runCli(['assemble', 'script.txt', '--takes', '.', '-o', 'again.cwproj'], dir, 600_000).stdout;
  }, 900_000);

  it('finds both takes of the first line and none of the second', () => {
    const [first, , third] = parts;
    const takes = json.takes[0]!.takes.filter((t) => t.complete);
    expect(takes).toHaveLength(2);
    expect(Math.abs(takes[0]!.start - first!.start)).toBeLessThan(0.3);
    expect(Math.abs(takes[1]!.start - third!.start)).toBeLessThan(0.3);
    expect(json.takes[1]!.takes.filter((t) => t.complete)).toEqual([]);
  });

  it('names the speech left over, and nothing of the takes', () => {
    const [first, other, third] = parts;
    console.log(
      `unmatched: ${JSON.stringify(json.unmatched)}; the other sentence ${other!.start}-${other!.end}`,
    );
    const overlap = (a: { start: number; end: number }, b: { start: number; end: number }) =>
      Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
    const onOther = json.unmatched.reduce((sum, u) => sum + overlap(u, other!), 0);
    expect(onOther).toBeGreaterThan((other!.end - other!.start) / 2);
    for (const take of [first!, third!])
      expect(json.unmatched.every((u) => overlap(u, take) < 0.3)).toBe(true);
    expect(json.unmatched.every((u) => u.speaker === 'Martin' && u.file.endsWith('martin.wav'))).toBe(true);
  });

  it('says where to listen in a notice and in the missing line’s review', () => {
    // The hint names the longest stretch: where a lost take most likely is.
    const u = json.unmatched.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
    const notice = json.notices.find((n) => n.includes('matched no line'));
    expect(notice).toMatch(
      /^Martin: \d+ stretch(es)? of speech matched no line \(slates, chat, or a line said otherwise than written\): martin\.wav 00:00:0\d\.\d{3}-/,
    );
    expect(stderr).toContain(`cuewright: ${notice}\n`);
    expect(json.takes[1]!.review).toMatch(
      /^missing: no take found; \d+ stretch(es)? of Martin's speech matched no line \(longest martin\.wav 00:00:0\d\.\d{3}-00:00:\d\d\.\d{3}\): the take may be there$/,
    );
    const clock = (seconds: number) => `00:00:${seconds.toFixed(3).padStart(6, '0')}`;
    expect(json.takes[1]!.review).toContain(`(longest martin.wav ${clock(u.start)}-${clock(u.end)})`);
    expect(stdout).toContain(
      '  missing: "We should have left the harbour before the storm came in." (no take found; ',
    );
  });
});
