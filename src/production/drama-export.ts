import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { type ExportRequest, type ExportResult, exportAudio } from '../export/export-audio.ts';
import { loadProject } from '../project/project-store.ts';
import { type DramaMix, mixLaneNames, mixProject } from './drama-mix.ts';
import { checkDramaSources } from './drama-sources.ts';
import { openStemFiles, stemName } from './export-stems.ts';
import { openWavFile, type WavFile } from './wav-file.ts';

// An assembled drama delivered: its mix (lanes levelled per actor, lane gain/pan/mute/solo, sounds
// and ducked music: drama-mix.ts) rendered block by block into a float WAV, then exported as any
// recording (loudness preset, tags, cover, the script's chapters at the times they play). One path
// for `cuewright export DRAMA.cwproj` and the app's Export, which can write the stems (a WAV per
// lane, export-stems.ts) from the same render.

export interface DramaExport {
  result: ExportResult;
  /** The sheet at the times the drama plays (what chapters and sidecars follow). */
  sheet: CueSheet;
  /** Per lane: levelling, settings, heard or not; the dialogue's level target (LUFS). */
  report: Pick<DramaMix, 'lanes' | 'target'>;
  /** The stems written, when asked for (paths, in lane order). */
  stems?: string[];
  /** The mix went past full scale with no loudness target to limit it: what to do about it. */
  clipped?: string;
}

/**
 * Mixes the drama saved at `projectPath` and exports it as `request` asks (`audio` and `sheet`
 * are the mix's own; an empty title or album tag is the script's title). `level`: dialogue
 * levelled per actor (BS.1770); absent: as the project says (`levelDialogue`, on unless false). `stemsDir`: a WAV per lane written into it
 * as well, the same files `cuewright export P -o MIX.wav --stems DIR` writes.
 *
 * Refused before any work (drama-sources.ts): an output or stem that is a file the drama reads
 * (the project, a take, a sound), a take file missing or of another length than when assembled;
 * `warn` hears each problem, one line each, and takes that changed size only.
 *
 * @throws InputError when the project was not assembled from takes or a take changed; FileError
 *   for an output over an input, a take or sound that cannot be read; what exportAudio throws
 */
export async function exportDramaMix(
  projectPath: string,
  request: Omit<ExportRequest, 'audio' | 'sheet'>,
  level?: boolean,
  stemsDir?: string,
  warn?: (line: string) => void,
): Promise<DramaExport> {
  const project = await loadProject(projectPath);
  const stemPaths = stemsDir ? mixLaneNames(project).map((lane) => join(stemsDir, stemName(lane))) : [];
  await checkDramaSources(
    projectPath,
    project,
    {
      outputs: [request.output, ...(request.writesAlso ?? []), ...stemPaths],
      ...(stemsDir ? { stemsDir } : {}),
      readsAlso: request.readsAlso ?? [],
    },
    warn,
  );
  const drama = await mixProject(projectPath, project, level === undefined ? {} : { level });
  let dir: string | undefined;
  const stems: WavFile[] = [];
  try {
    dir = await mkdtemp(join(tmpdir(), 'cuewright-drama-'));
    const wav = join(dir, 'mix.wav');
    const file = openWavFile(
      wav,
      { sampleRate: drama.rate, channels: drama.channels, bitsPerSample: 32, float: true },
      drama.frames,
    );
    try {
      if (stemsDir) stems.push(...(await openStemFiles(drama, stemsDir)));
      drama.render((lanes, mix) => {
        file.write(mix);
        for (const [i, stem] of stems.entries()) stem.write(lanes[i]!);
      });
    } finally {
      file.close();
      for (const stem of stems.splice(0)) stem.close();
    }
    await drama.dispose();
    // Untitled (an empty title or album): the script's title.
    const tags = {
      ...request.tags,
      title: request.tags.title || drama.sheet.title,
      album: request.tags.album || drama.sheet.title,
    };
    const result = await exportAudio({ ...request, tags, audio: wav, sheet: drama.sheet });
    // Levelling can lift a lane past full scale, and with no loudness target nothing limits the
    // mix: a tester's 16-bit WAV and 24-bit FLAC were clipped without a word.
    const clipped =
      !request.loudness && result.measured.samplePeak > 0
        ? `the mix peaks at +${result.measured.samplePeak.toFixed(1)} dBFS and is clipped there: deliver it at a loudness target (its limiter holds the true peak at -1 dBTP) or lower the loudest lane`
        : undefined;
    if (clipped) warn?.(`${request.output}: ${clipped}`);
    return {
      result,
      sheet: drama.sheet,
      report: { lanes: drama.lanes, target: drama.target },
      ...(clipped ? { clipped } : {}),
      ...(stemsDir ? { stems: drama.lanes.map((lane) => join(stemsDir, stemName(lane.name))) } : {}),
    };
  } finally {
    await drama.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
