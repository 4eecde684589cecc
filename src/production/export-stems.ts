import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InputError } from '../../cues/input-error.ts';
import { loadProject } from '../project/project-store.ts';
import { type DramaMix, type DramaMixOptions, mixLaneNames, mixProject } from './drama-mix.ts';
import { checkDramaSources } from './drama-sources.ts';
import { openWavFile, type WavFile } from './wav-file.ts';

// An assembled drama's mix and stems: one 32-bit float WAV per lane that has any clip or sound,
// all the production's length and sample-aligned, and the mix beside them. Stems are post-fader
// (levelling, the lane's gain and pan, music ducking applied), so with every lane heard they add
// up to the mix to the last bit; a muted lane (or one not soloed while another is) still gets its
// stem, as it would sound unmuted, but is left out of the mix. Mono, or stereo when a lane is
// panned or plays a stereo sound. Float, so a loud overlap does not clip. Written block by block
// as the mix renders.

/** Where a stem is written: the lane's name made safe for a file name. */
export function stemName(lane: string): string {
  return `${lane.replace(/[^\p{L}\p{N}_-]+/gu, '_')}.wav`;
}

/**
 * One WAV open for writing per lane of `drama`, in lane order, in `stemsDir` (made if need be):
 * 32-bit float at the mix's rate and channels, `drama.frames` long. Close each once written.
 */
export async function openStemFiles(
  drama: Pick<DramaMix, 'lanes' | 'rate' | 'channels' | 'frames'>,
  stemsDir: string,
): Promise<WavFile[]> {
  await mkdir(stemsDir, { recursive: true });
  const spec = { sampleRate: drama.rate, channels: drama.channels, bitsPerSample: 32 as const, float: true };
  const files: WavFile[] = [];
  try {
    for (const lane of drama.lanes)
      files.push(openWavFile(join(stemsDir, stemName(lane.name)), spec, drama.frames));
  } catch (error) {
    for (const file of files) file.close();
    throw error;
  }
  return files;
}

/**
 * Writes `output` (WAV: the mix) and one WAV per lane into `stemsDir`; returns the mix (lanes,
 * levels, length). InputError when the project was not assembled from takes. Refused before any
 * work when the mix would land on a stem, or the mix or a stem on a file the drama reads (the
 * project, a take, a sound) or a take is not the file it was assembled from (drama-sources.ts; each problem also
 * told to `warn`, one line each).
 */
export async function exportStems(
  projectPath: string,
  output: string,
  stemsDir: string,
  options: DramaMixOptions = {},
  warn?: (line: string) => void,
): Promise<Omit<DramaMix, 'sheet'>> {
  if (!output.toLowerCase().endsWith('.wav'))
    throw new InputError(`${output}: the mix beside stems is written as WAV (name it .wav)`);
  const project = await loadProject(projectPath);
  const lanes = mixLaneNames(project);
  const stems = lanes.map((lane) => join(stemsDir, stemName(lane)));
  // The mix over a stem would be overwritten by it, or overwrite it (a tester's `-o s2/Edith.wav
  // --stems s2` lost Edith's stem). Compared without case: some filesystems do not tell them apart.
  const clash = stems.findIndex((stem) => resolve(stem).toLowerCase() === resolve(output).toLowerCase());
  if (clash >= 0)
    throw new InputError(`${output}: is where the ${lanes[clash]} stem goes (name the mix otherwise)`);
  await checkDramaSources(projectPath, project, { outputs: [output, ...stems], stemsDir }, warn);
  const drama = await mixProject(projectPath, project, options);
  const files: WavFile[] = [];
  try {
    files.push(...(await openStemFiles(drama, stemsDir)));
    const spec = {
      sampleRate: drama.rate,
      channels: drama.channels,
      bitsPerSample: 32 as const,
      float: true,
    };
    const mixFile = openWavFile(output, spec, drama.frames);
    files.push(mixFile);
    drama.render((stems, mix) => {
      for (const [i, stem] of stems.entries()) files[i]!.write(stem);
      mixFile.write(mix);
    });
    for (const file of files.splice(0)) file.close();
  } finally {
    for (const file of files) {
      try {
        file.close();
      } catch {
        // Already failing: the first error is the one to tell.
      }
    }
    await drama.dispose();
  }
  const { sheet: _sheet, render: _render, dispose: _dispose, ...result } = drama;
  return result;
}
