import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeWav } from '../../audio/wav/wav-writer.ts';
import { InputError } from '../../cues/input-error.ts';
import { type DramaMix, type DramaMixOptions, mixDrama } from './drama-mix.ts';

// An assembled drama's mix and stems: one 32-bit float WAV per lane that has any clip or sound,
// all the production's length and sample-aligned, and the mix beside them. Stems are post-fader
// (levelling, the lane's gain and pan, music ducking applied), so with every lane heard they add
// up to the mix to the last bit; a muted lane (or one not soloed while another is) still gets its
// stem, as it would sound unmuted, but is left out of the mix. Mono, or stereo when a lane is
// panned. Float, so a loud overlap does not clip.

/** Where a stem is written: the lane's name made safe for a file name. */
export function stemName(lane: string): string {
  return `${lane.replace(/[^\p{L}\p{N}_-]+/gu, '_')}.wav`;
}

/**
 * Writes `output` (WAV: the mix) and one WAV per lane into `stemsDir`; returns the mix (lanes,
 * levels, length). InputError when the project was not assembled from takes.
 */
export async function exportStems(
  projectPath: string,
  output: string,
  stemsDir: string,
  options: DramaMixOptions = {},
): Promise<Omit<DramaMix, 'stems' | 'mix' | 'sheet'>> {
  if (!output.toLowerCase().endsWith('.wav'))
    throw new InputError(`${output}: the mix beside stems is written as WAV (name it .wav)`);
  const { stems, mix, sheet: _sheet, ...result } = await mixDrama(projectPath, options);
  await mkdir(stemsDir, { recursive: true });
  const float = { bitsPerSample: 32 as const, float: true };
  for (const [i, lane] of result.lanes.entries())
    await writeFile(join(stemsDir, stemName(lane.name)), encodeWav(stems[i]!, result.rate, float));
  await writeFile(output, encodeWav(mix, result.rate, float));
  return result;
}
