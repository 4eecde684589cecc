import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FileError } from '../../src/io/file-error.ts';
import { surveyAll } from '../../src/production/survey-all.ts';
import { surveyRecording } from '../../src/production/survey-recording.ts';
import { SPEECH_DIR } from '../support/human-speech.ts';
import { requireTools } from '../support/required-tools.ts';
import { ffmpeg, tempDir } from '../support/signals.ts';

// A production's recordings surveyed on several threads (survey-all.ts) give what surveying each
// in this thread gives: lengths, edges, pauses, room tone, titles and probes, in the order given.

describe('the survey on several threads', () => {
  const dir = tempDir('production-survey-threads');
  const inputs = [join(dir, 'one.mp3'), join(dir, 'two.flac'), join(dir, 'three.m4a')];
  const bad = join(dir, 'not-audio.mp3');

  beforeAll(() => {
    requireTools('recordings are cut by ffmpeg', 'ffmpeg', 'shared data');
    ffmpeg([
      '-i',
      join(SPEECH_DIR, 'sonnets/sonnet001.mp3'),
      '-t',
      '20',
      '-metadata',
      'title=One',
      inputs[0]!,
    ]);
    ffmpeg(['-i', join(SPEECH_DIR, 'sonnets/sonnet002.flac'), '-t', '15', '-ar', '22050', inputs[1]!]);
    ffmpeg([
      '-i',
      join(SPEECH_DIR, 'sonnets/sonnet003.mp3'),
      '-t',
      '12',
      '-ac',
      '2',
      '-c:a',
      'aac',
      inputs[2]!,
    ]);
    ffmpeg(['-f', 'lavfi', '-i', 'anoisesrc=d=1', '-f', 'u8', join(dir, 'noise.raw')]);
    ffmpeg(['-f', 'u8', '-i', join(dir, 'noise.raw'), '-f', 'u8', bad]);
  });

  it('gives each file’s survey as this thread does', async () => {
    const alone = [];
    for (const path of inputs) alone.push(await surveyRecording(path));
    const progress: number[] = [];
    const threaded = await surveyAll(inputs, (f) => progress.push(f), 3);
    const comparable = (s: Awaited<ReturnType<typeof surveyRecording>>) => {
      const { aac: _a, ...probe } = s.probe;
      return { ...s, probe };
    };
    expect(threaded.map(comparable)).toEqual(alone.map(comparable));
    expect(threaded.map((s) => s.title)).toEqual(['One', 'two', 'three']);
    expect(progress.at(-1)).toBe(1);
  }, 120_000);

  it('names a file that is no audio, as this thread does', async () => {
    const error = await surveyAll([inputs[0]!, bad, inputs[1]!], undefined, 2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileError);
    expect(String((error as Error).message)).toContain('not-audio.mp3');
  }, 120_000);
});
