import { refuseUndelivered } from '../../../audio/export/delivery-spec.ts';
import { clockTime } from '../../../cues/sidecars/timecode.ts';
import { exportFormatOf } from '../../export/export-audio.ts';
import { exportDramaMix } from '../../production/drama-export.ts';
import type { DramaMix } from '../../production/drama-mix.ts';
import { loadProject } from '../../project/project-store.ts';
import { UsageError } from '../cli-error.ts';
import { type Io, toJson } from '../output.ts';
import { progressBar } from '../progress-bar.ts';
import {
  bitrate,
  coverOf,
  loudnessTarget,
  presetShapeLine,
  sampleRateOf,
  warnIfMissed,
  wroteLine,
} from './export.ts';

// `cuewright export DRAMA.cwproj -o OUT.(m4b|mp3|flac|opus|wav)`: an assembled drama's mix (lanes
// levelled, lane settings, sounds and ducked music: drama-mix.ts) delivered through the ordinary
// export: loudness preset, tags, cover, and the script's chapters at the times they play.

export interface ExportDramaArgs {
  project: string;
  output?: string;
  loudness?: string;
  title?: string;
  artist?: string;
  album?: string;
  cover?: string;
  bitrate?: string;
  sampleRate?: string;
  /** Leave the dialogue lanes at their recorded levels. */
  noLevel: boolean;
  json: boolean;
  /** Options a drama's export does not take yet (named in the refusal). */
  refused: string[];
}

/** Whether `path` is a project assembled from takes (then `export PROJECT` mixes its lanes). */
export async function isDramaProject(path: string): Promise<boolean> {
  if (!path.endsWith('.cwproj')) return false;
  return loadProject(path).then(
    (p) => p.takes !== undefined,
    () => false,
  );
}

/** One line per lane: its level before and the gain levelling gave it, its settings, heard or not. */
export function laneReport(mix: Pick<DramaMix, 'lanes' | 'target'>): string {
  const lines = mix.lanes.map((lane) => {
    const level = lane.level
      ? `${lane.level.measured.toFixed(1)} LUFS, levelled ${lane.level.gainDb >= 0 ? '+' : ''}${lane.level.gainDb.toFixed(1)} dB${lane.level.clamped ? ' (held at the limit: check the takes)' : ''}`
      : '';
    const own = [
      lane.settings.gainDb !== undefined ? `gain ${lane.settings.gainDb} dB` : '',
      lane.settings.pan !== undefined ? `pan ${lane.settings.pan}` : '',
      lane.audible ? '' : 'not in the mix (muted or not soloed)',
    ].filter((s) => s !== '');
    return `  ${lane.name}: ${[level, ...own].filter((s) => s !== '').join('; ') || 'as recorded'}\n`;
  });
  const target =
    mix.target !== undefined && Number.isFinite(mix.target)
      ? `dialogue levelled to ${mix.target.toFixed(1)} LUFS\n`
      : '';
  return target + lines.join('');
}

export async function runExportDrama(args: ExportDramaArgs, io: Io): Promise<void> {
  if (!args.output) throw new UsageError('export needs -o OUT.(mp3|m4b|flac|opus|wav)');
  if (args.refused.length > 0)
    throw new UsageError(`${args.refused.join(', ')}: not taken by the export of an assembled drama yet`);
  const format = exportFormatOf(args.output);
  const loudness = args.loudness !== undefined ? loudnessTarget(args.loudness) : undefined;
  const rate = args.bitrate !== undefined ? bitrate(args.bitrate) : undefined;
  if (loudness) refuseUndelivered(format, loudness.delivery, loudness.name, rate);
  if (loudness?.delivery?.perChapter !== undefined)
    throw new UsageError(`--loudness ${args.loudness}: one file per chapter is not made for a drama yet`);
  const cover = args.cover ? await coverOf(args.cover) : undefined;
  const measuring = progressBar('measuring');
  const encoding = progressBar('encoding ');
  let phase: 'measuring' | 'encoding' = 'measuring';
  const { result, report } = await exportDramaMix(
    args.project,
    {
      output: args.output,
      tags: {
        title: args.title ?? '',
        genre: 'Audio drama',
        ...(args.artist ? { artist: args.artist } : {}),
        album: args.album ?? '',
        ...(cover ? { cover } : {}),
      },
      ...(loudness ? { loudness } : {}),
      ...(rate !== undefined ? { bitrate: rate } : {}),
      ...(args.sampleRate !== undefined ? { sampleRate: sampleRateOf(args.sampleRate) } : {}),
      readsAlso: [
        { path: args.project, role: 'project' },
        ...(args.cover ? [{ path: args.cover, role: 'cover image' }] : []),
      ],
      onProgress: (p, f) => {
        if (p !== phase) measuring.done();
        phase = p;
        (p === 'measuring' ? measuring : encoding)(f);
      },
    },
    // Absent: the project's own choice (its `levelDialogue`, levelled unless set off in the app).
    args.noLevel ? false : undefined,
    undefined,
    (line) => io.err(`cuewright: ${line}\n`),
  ).finally(() => encoding.done());
  if (args.json) {
    io.out(toJson({ ...result, lanes: report.lanes, levelTarget: report.target }));
    return;
  }
  // As the ordinary export says it.
  io.out(wroteLine(result));
  io.out(presetShapeLine(args.loudness, loudness, result, { bitrate: rate, sampleRate: args.sampleRate }));
  warnIfMissed(io, result.output, loudness, result.delivered);
  io.out(laneReport(report));
  for (const chapter of result.chapters) io.out(`  ${clockTime(chapter.start)}  ${chapter.title}\n`);
}
