import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinGaps, layoutProduction } from '../../audio/production/join-gaps.ts';
import { measureForExport } from '../../src/export/export-audio.ts';
import { exportProduction } from '../../src/production/export-production.ts';
import { productionAudio, productionShape } from '../../src/production/production-audio.ts';
import { surveyRecording } from '../../src/production/survey-recording.ts';
import { SPEECH_DIR } from '../support/human-speech.ts';
import { requireTools } from '../support/required-tools.ts';
import { ffmpeg, ffprobe, tempDir } from '../support/signals.ts';

// A merge with no loudness target (the m4b-tool merge) measures the production while it encodes
// it, each parallel encoder its own stretch, not in a pass of its own: the loudness and length it
// reports must be those of the production measured whole, first to last, as an export with a
// target measures it.

describe('a merge with no loudness target', () => {
  const dir = tempDir('production-export-measure');
  const inputs = [join(dir, 'one.mp3'), join(dir, 'two.flac')];

  beforeAll(() => {
    requireTools('recordings are cut and the export read back by ffmpeg', 'ffmpeg', 'ffprobe', 'shared data');
    ffmpeg([
      '-i',
      join(SPEECH_DIR, 'sonnets/sonnet001.mp3'),
      '-t',
      '70',
      '-ar',
      '44100',
      '-ac',
      '1',
      inputs[0]!,
    ]);
    ffmpeg([
      '-i',
      join(SPEECH_DIR, 'sonnets/sonnet002.flac'),
      '-t',
      '70',
      '-ar',
      '44100',
      '-ac',
      '1',
      inputs[1]!,
    ]);
  });

  it.each([
    // Three encoders measure their stretches between them (the last starts at the join before it,
    // in the second file): no pass decodes only to measure.
    { encoders: 3, phases: ['encoding'] },
    // One encoder: the measuring pass runs beside it, and is through after encoding began.
    { encoders: 1, phases: ['measuring', 'encoding', 'measured'] },
  ])(
    'with $encoders encoder(s) measures while it encodes what the production measured whole gives',
    async ({ encoders, phases: expectedPhases }) => {
      const phases: string[] = [];
      const output = join(dir, `book-${encoders}.m4b`);
      const result = await exportProduction({
        recordings: inputs,
        output,
        gap: 1,
        bitrate: 64_000,
        encoders,
        tags: { title: 'Book' },
        onProgress: (phase, fraction) => {
          if (phases.at(-1) !== phase && !phases.includes(phase)) phases.push(phase);
          if (phase === 'measuring' && fraction >= 1 && !phases.includes('measured')) phases.push('measured');
        },
      });
      expect(phases).toEqual(expectedPhases);

      // The same production, measured in a pass of its own.
      const surveyed = [await surveyRecording(inputs[0]!), await surveyRecording(inputs[1]!)];
      const files = surveyed.map((f) => ({ frames: f.frames, sampleRate: f.probe.sampleRate }));
      const layout = layoutProduction(files, joinGaps(surveyed, 1), productionShape(surveyed).sampleRate);
      const whole = await measureForExport({
        audio: inputs[0]!,
        source: productionAudio(surveyed, layout),
        output: join(dir, 'unused.m4b'),
        sheet: { version: 1, title: 'Book', chapters: [], cues: [] },
        tags: {},
      });
      const measured = result.file!.measured;
      expect(Number.isFinite(whole.measured.integrated)).toBe(true);
      expect(measured.integrated).toBeCloseTo(whole.measured.integrated, 9);
      expect(measured.range).toBeCloseTo(whole.measured.range, 9);
      expect(measured.truePeak).toBe(whole.measured.truePeak);
      expect(measured.samplePeak).toBe(whole.measured.samplePeak);
      expect(result.file!.duration).toBe(whole.info.frames / whole.info.sampleRate);

      // The file holds that much audio, in both chapters.
      expect(Number(ffprobe(output, 'format=duration').duration)).toBeCloseTo(result.file!.duration, 1);
      const chapters = spawnSync('ffprobe', ['-v', 'error', '-show_chapters', '-of', 'json', output], {
        encoding: 'utf8',
      });
      expect((JSON.parse(chapters.stdout) as { chapters: unknown[] }).chapters).toHaveLength(2);
    },
    240_000,
  );
});
