import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nearlyTheSame } from '../../cues/production/alike-lines.ts';
import { sessionOrder } from '../../cues/production/session-order.ts';
import { nameWords, rivalOwners, takeOwner } from '../../cues/production/take-owner.ts';
import { session, speak } from '../support/drama-fixture.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { ffmpeg, tempDir } from '../support/signals.ts';

// Which take files are whose, and every line counted (a tester's findings): a file is a
// character's only when the name is a whole word of it ("Benchmark-roomtone.wav" is not Mark's);
// NARRATOR lines are found in the narrator's files; a character with no files, and one whose
// files cannot be read, count in "N of M lines placed" and are listed missing; every corrupt
// file is named in one run and the rest assembled. Real takes: festival voices.

describe('take files given to characters by whole words', () => {
  it('splits names at separators, camelCase and digits, keeping accents', () => {
    expect(nameWords('MARK_séance_ü2')).toEqual(['mark', 'séance', 'ü', '2']);
    expect(nameWords('Ben/session-a')).toEqual(['ben', 'session', 'a']);
    expect(nameWords('MaryJane.take 3')).toEqual(['mary', 'jane', 'take', '3']);
  });

  it('finds a name as whole words only, the longest name first', () => {
    const cast = ['Mark', 'Edith', 'Mary Jane', 'Mary', 'Narrator'];
    expect(takeOwner('Benchmark-roomtone', cast)).toBeUndefined();
    expect(takeOwner('markus-day1', cast)).toBeUndefined();
    expect(takeOwner('MARK takes 1', cast)).toBe('Mark');
    expect(takeOwner('edith2', cast)).toBe('Edith');
    expect(takeOwner('EdithTake3', cast)).toBe('Edith');
    expect(takeOwner('MaryJane-01', cast)).toBe('Mary Jane');
    expect(takeOwner('maryjane', cast)).toBe('Mary Jane');
    expect(takeOwner('mary_day2', cast)).toBe('Mary');
    expect(takeOwner('Narrator/day1', cast)).toBe('Narrator');
  });

  it('tells a file naming two characters alike, and not a name inside a longer one', () => {
    const cast = ['Nora', 'Martin', 'Mary Jane', 'Mary'];
    expect(rivalOwners('Nora and Martin', cast)).toEqual(['Martin', 'Nora']);
    expect(rivalOwners('MaryJane-01', cast)).toEqual([]);
    expect(rivalOwners('Mary Jane with Mary', cast)).toEqual([]);
    expect(rivalOwners('nora-2', cast)).toEqual([]);
  });

  it('puts a first session before its retakes, numbers as numbers', () => {
    const files = [
      't/nora-2.wav',
      't/nora take 10.wav',
      't/nora.wav',
      't/nora take 2.wav',
      't/Nora/day2.flac',
    ];
    expect(files.sort(sessionOrder)).toEqual([
      't/nora.wav',
      't/nora take 2.wav',
      't/nora take 10.wav',
      't/nora-2.wav',
      't/Nora/day2.flac',
    ]);
  });
});

const SCRIPT = `NARRATOR: The ferry left the harbour at dawn.

ANNA: Did you bring the tickets for the crossing?

MARK: They are in my coat pocket.

BEN: The wind is rising over the water.

ANNA: Then hold on to the rail.

CLERK: Tickets, please.

ANNA: Then hold on to the rail.

ANNA: Look at the gulls over the mast.
`;

describe('cuewright assemble: whose files, and every line counted', () => {
  let dir: string;
  let run: ReturnType<typeof runCli>;

  beforeAll(() => {
    requireTools('the actors are festival voices', 'ffmpeg', 'festival');
    dir = tempDir('drama-take-files');
    const takes = join(dir, 'takes');
    const parts = join(dir, 'parts');
    mkdirSync(join(takes, 'Narrator'), { recursive: true });
    mkdirSync(parts);
    session(parts, join(takes, 'Narrator', 'day1.wav'), [
      speak(parts, 'n1', 'The ferry left the harbour at dawn.', 'ked_diphone'),
    ]);
    session(parts, join(takes, 'anna-session1.wav'), [
      speak(parts, 'a1', 'Did you bring the tickets for the crossing?', 'kal_diphone'),
      speak(parts, 'a2', 'Then hold on to the rail.', 'kal_diphone'),
    ]);
    // Mark's line, but in a file named for a benchmark: not Mark's.
    session(parts, join(takes, 'Benchmark-roomtone.wav'), [
      speak(parts, 'm1', 'They are in my coat pocket.', 'ked_diphone'),
    ]);
    // Ben's files are both damaged: a header cut short and an empty FLAC.
    const ben = join(parts, 'ben.wav');
    session(parts, ben, [speak(parts, 'b1', 'The wind is rising over the water.', 'ked_diphone')]);
    writeFileSync(join(takes, 'ben-day1.wav'), readFileSync(ben).subarray(0, 16));
    writeFileSync(join(takes, 'ben-day2.flac'), '');
    // Anna's second session is empty: her last line, recorded nowhere else, is missing.
    writeFileSync(join(takes, 'anna-day2.wav'), '');
    // The clerk's first session and its retake: "clerk.wav" is the earlier ("-" sorts before ".").
    session(parts, join(takes, 'clerk.wav'), [speak(parts, 'c1', 'Tickets, please.', 'ked_diphone')]);
    session(parts, join(takes, 'clerk-2.wav'), [speak(parts, 'c2', 'Tickets, please.', 'kal_diphone')]);
    // A file naming two characters alike: whose it is cannot be told.
    writeFileSync(join(takes, 'Mark and Ben.wav'), readFileSync(join(takes, 'clerk.wav')));
    writeFileSync(join(dir, 'ferry.txt'), SCRIPT);
    run = runCli(['assemble', 'ferry.txt', '--takes', 'takes', '-o', 'ferry.cwproj'], dir, 600_000);
  }, 600_000);

  it('counts and lists every line: the narrator found, no files, unreadable files and a look-alike name', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('5 of 8 lines placed from 4 take files\n');
    // Missing where the files read do not have it; the unreadable file is where it may be.
    expect(run.stdout).toMatch(
      /missing: "Look at the gulls over the mast\." \(no take found; Anna's file anna-day2\.wav could not be read: the line may be in it\)/,
    );
    // Which files each character was given.
    expect(run.stdout).toContain('  takes of Narrator: Narrator/day1.wav\n');
    expect(run.stdout).toContain('  takes of Anna: anna-session1.wav\n');
    expect(run.stdout).not.toMatch(/takes of Mark/);
    expect(run.stdout).toMatch(/missing: "They are in my coat pocket\." \(no take files for Mark\)/);
    expect(run.stdout).toContain('  takes of Clerk: clerk.wav, clerk-2.wav\n');
    expect(run.stderr).toContain(
      'cuewright: takes/Mark and Ben.wav: names Mark and Ben alike: not searched (name it after one character)\n',
    );
    expect(run.stdout).toMatch(
      /missing: "The wind is rising over the water\." \(Ben's take files could not be read \(ben-day1\.wav, ben-day2\.flac\)\)/,
    );
    expect(run.stderr).toContain("takes/Benchmark-roomtone.wav: no character's name (a whole word)");
    // Both damaged files named, one line each, in the one run.
    expect(run.stderr).toMatch(/^cuewright: takes\/ben-day1\.wav: .+: Ben's take file not searched$/m);
    expect(run.stderr).toMatch(
      /^cuewright: takes\/ben-day2\.flac: the file is empty: Ben's take file not searched$/m,
    );
    const project = JSON.parse(readFileSync(join(dir, 'ferry.cwproj'), 'utf8')) as {
      sheet: { cues: Array<{ id: string; kind: string; text: string; review?: string }> };
      takes: Array<{ cue: string; takes: unknown[]; pick?: number }>;
      recordings: Array<{ path: string }>;
    };
    expect(project.recordings.map((r) => r.path).sort()).toEqual([
      'takes/Narrator/day1.wav',
      'takes/anna-session1.wav',
      'takes/clerk-2.wav',
      'takes/clerk.wav',
    ]);
    // The clerk's pick is the retake, in the later file.
    const clerk = project.sheet.cues.find((c) => c.text.includes('Tickets'))!;
    const clerkTakes = project.takes.find((t) => t.cue === clerk.id) as {
      takes: Array<{ recording: string }>;
      pick?: number;
    };
    expect(clerkTakes.takes.map((t) => t.recording)).toEqual(['clerk', 'clerk-2']);
    expect(clerkTakes.pick).toBe(1);
    // Anna's line said twice in the script: both placed from her take, each flagged.
    const rails = project.sheet.cues.filter((c) => c.text === 'Then hold on to the rail.');
    expect(rails).toHaveLength(2);
    for (const rail of rails) {
      expect(project.takes.find((t) => t.cue === rail.id)?.pick).toBe(0);
      expect(rail.review).toContain('the same words as another line: their takes are shared');
    }
    const narration = project.sheet.cues.find((c) => c.kind === 'narration')!;
    expect(project.takes.find((t) => t.cue === narration.id)?.pick).toBe(0);
    expect(project.takes).toHaveLength(8);
  });

  it('names every unreadable file, one line each, when none can be read', () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'anna.wav'), 'RIFF');
    writeFileSync(join(bad, 'ben.flac'), '');
    ffmpeg(['-v', 'error', '-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono', '-t', '1', join(dir, 'ok.wav')]);
    const ok = readFileSync(join(dir, 'ok.wav'));
    writeFileSync(join(bad, 'mark.mp3'), ok.subarray(44, 2000));
    // A WAV header and no samples: named with the rest (it stopped the search's decoder).
    const header = Buffer.from(ok.subarray(0, ok.indexOf('data') + 8));
    header.writeUInt32LE(0, header.length - 4); // a data chunk of no bytes
    writeFileSync(join(bad, 'clerk.wav'), header);
    const out = runCli(['assemble', 'ferry.txt', '--takes', 'bad', '-o', 'bad.cwproj'], dir);
    expect(out.status).toBe(2);
    const lines = out.stderr.split('\n').filter((l) => /^cuewright: bad\//.test(l));
    expect(lines).toHaveLength(4);
    expect(out.stderr).toContain('cuewright: bad/anna.wav: ');
    expect(out.stderr).toContain('cuewright: bad/ben.flac: the file is empty');
    expect(out.stderr).toContain('cuewright: bad/mark.mp3: ');
    expect(out.stderr).toContain('cuewright: bad/clerk.wav: no audio in it (a WAV header, no samples)\n');
    expect(out.stderr).toMatch(/cuewright: bad: no take file could be read \(4 unreadable/);
  });

  it('says when a file is read straight on, without the pauses takes are told apart by', () => {
    // A real speaker's 27 s of talk with no half-second pause: six lines of script, one segment.
    const straight = join(dir, 'straight');
    mkdirSync(join(straight, 'takes'), { recursive: true });
    const corpus = '../shared/speech/casual/acoustic_corpus';
    writeFileSync(join(straight, 'takes', 'dan.wav'), readFileSync(`${corpus}.wav`));
    const lines = readFileSync(`${corpus}.txt`, 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    writeFileSync(join(straight, 'talk.txt'), lines.map((l) => `DAN: ${l}`).join('\n\n'));
    const out = runCli(['assemble', 'talk.txt', '--takes', 'takes', '-o', 'talk.cwproj'], straight);
    expect(out.status, out.stderr).toBe(0);
    expect(out.stderr).toMatch(
      /cuewright: takes\/dan\.wav: speech runs 2[67] s without a pause of half a second: takes are found between such pauses, so lines read straight on may be missing\n/,
    );
    // The ferry's takes, each between pauses, gave no such notice.
    expect(run.stderr).not.toContain('speech runs');
  });

  it('says a missing folder for the project before searching any takes', () => {
    const out = runCli(['assemble', 'ferry.txt', '--takes', 'takes', '-o', 'no/such/x.cwproj'], dir);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/no\/such: no such folder to write the project in \(-o no\/such\/x\.cwproj\)/);
    expect(out.stderr).not.toContain('finding');
  });
  it('hears overlaps marked in Fountain (extension, parenthetical, dual) and its [SFX: …] lines as sound cues', () => {
    writeFileSync(
      join(dir, 'ferry.fountain'),
      `Title: The Ferry

NARRATOR
The ferry left the harbour at dawn.

ANNA (overlapping)
Did you bring the tickets for the crossing?

[SFX: foghorn]

[[SFX: a gull, if we can find one]]

ANNA
(overlapping)
Then hold on to the rail.
`,
    );
    mkdirSync(join(dir, 'sfx'));
    ffmpeg(['-v', 'error', '-f', 'lavfi', '-i', 'sine=f=110:d=1:r=16000', join(dir, 'sfx', 'foghorn.wav')]);
    const out = runCli(
      ['assemble', 'ferry.fountain', '--takes', 'takes', '--sfx', 'sfx', '-o', 'fountain.cwproj'],
      dir,
      600_000,
    );
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain('3 of 3 lines placed');
    expect(out.stdout).toContain('1 of 1 sound cue matched');
    expect(out.stdout).toContain('SFX: "foghorn" -> sfx/foghorn.wav');
    const project = JSON.parse(readFileSync(join(dir, 'fountain.cwproj'), 'utf8')) as {
      sheet: { cues: Array<{ kind: string; text: string; overlaps?: boolean }> };
      timeline: Array<{ gapBefore?: number }>;
    };
    const kinds = project.sheet.cues.filter((c) => c.kind !== 'title').map((c) => [c.kind, c.text]);
    expect(kinds).toEqual([
      ['dialogue', 'The ferry left the harbour at dawn.'],
      ['dialogue', 'Did you bring the tickets for the crossing?'],
      ['sfx', '[SFX: foghorn]'],
      ['note', '[[SFX: a gull, if we can find one]]'],
      ['dialogue', 'Then hold on to the rail.'],
    ]);
    // Both of Anna's lines come in over the line before (the timeline's crossfade), the first not.
    expect(project.timeline.map((c) => (c.gapBefore ?? 0) < 0)).toEqual([false, true, true]);
    // The same in a NAME: script: "ANNA (OVERLAPPING): …".
    writeFileSync(
      join(dir, 'ferry2.txt'),
      'NARRATOR: The ferry left the harbour at dawn.\n\nANNA (OVERLAPPING): Did you bring the tickets for the crossing?\n',
    );
    const named = runCli(['assemble', 'ferry2.txt', '--takes', 'takes', '-o', 'named.cwproj'], dir, 600_000);
    expect(named.status, named.stderr).toBe(0);
    const timeline = (
      JSON.parse(readFileSync(join(dir, 'named.cwproj'), 'utf8')) as {
        timeline: Array<{ gapBefore?: number }>;
      }
    ).timeline;
    expect(timeline.map((c) => (c.gapBefore ?? 0) < 0)).toEqual([false, true]);
  });
});

describe('lines a recogniser cannot tell apart', () => {
  it('flags lines one word apart when that word is a form of the other, not lines of other words', () => {
    const lines = [
      ['bring', 'the', 'map'],
      ['bring', 'the', 'maps'],
      ['bring', 'the', 'rope'],
      ['it', 'is', 'nine'],
      ['it', 'is', 'ten'],
    ];
    expect(lines.map((_, i) => nearlyTheSame(lines, i))).toEqual([true, true, false, false, false]);
    expect(nearlyTheSame([['yes'], ['yes']], 0)).toBe(false);
  });
});
