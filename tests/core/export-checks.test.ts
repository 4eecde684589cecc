import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withChapterStarts } from '../../cues/chapter-starts.ts';
import { markNotRecorded } from '../../cues/edit/not-recorded.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { loudnessPlanText, unreviewedCues } from '../../renderer/src/export-checks.ts';
import { SAMPLE_SEED } from '../support/paths.ts';

// What the export dialog warns about (cues not reviewed) and says of the loudness it will apply.

describe('export checks', () => {
  const parsed = parseScript(readFileSync(SAMPLE_SEED, 'utf8'), { fileName: SAMPLE_SEED });
  const sheet = withChapterStarts({
    ...parsed,
    cues: parsed.cues.map((c, i) => ({
      ...c,
      start: i * 3,
      end: i * 3 + 2,
      confidence: i === 4 ? 0.3 : 1,
      ...(i === 7 ? { review: 'squeezed' } : {}),
    })),
  });

  it('lists the cues waiting for review with their time and reason; a cut line is not listed', () => {
    expect(unreviewedCues(sheet).map((c) => [c.id, c.at, c.reason])).toEqual([
      [sheet.cues[4]!.id, '00:00:12.000', 'low confidence'],
      [sheet.cues[7]!.id, '00:00:21.000', 'squeezed'],
    ]);
    expect(unreviewedCues(markNotRecorded(sheet, [sheet.cues[7]!.id])).map((c) => c.id)).toEqual([
      sheet.cues[4]!.id,
    ]);
  });

  it('says the gain to the preset’s target, or that the level stays', () => {
    const measured = { integrated: -21.34, range: 6.2, truePeak: -3.1 };
    expect(loudnessPlanText(measured, 'podcast')).toBe(
      '-21.3 LUFS, range 6.2 LU, true peak -3.1 dBTP: raised 5.3 dB to -16 LUFS, true peak kept under -1 dBTP',
    );
    expect(loudnessPlanText(measured, 'ebu-r128')).toMatch(/: lowered 1\.7 dB to -23 LUFS/);
    expect(loudnessPlanText(measured, 'none')).toBe(
      '-21.3 LUFS, range 6.2 LU, true peak -3.1 dBTP: exported as it is (no loudness change)',
    );
    expect(loudnessPlanText({ integrated: null, range: 0, truePeak: null }, 'podcast')).toBe(
      '— LUFS, range 0.0 LU, true peak — dBTP',
    );
  });
});
