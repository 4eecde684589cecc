import { knownLayout } from '../../../audio/dsp/channel-fold.ts';
import { refuseUndelivered } from '../../../audio/export/delivery-spec.ts';
import {
  LOUDNESS_PRESETS,
  type LoudnessTarget,
  targetMissed,
} from '../../../audio/export/loudness-target.ts';
import type { LoudnessResult } from '../../../audio/loudness/loudness-meter.ts';
import type { CueSheet } from '../../../cues/cue-sheet.ts';
import { readCueSheet } from '../../../cues/read-cue-sheet.ts';
import { clockTime } from '../../../cues/sidecars/timecode.ts';
import { exportAudio, exportFormatOf } from '../../export/export-audio.ts';
import { type ChapterFile, exportChapterFiles } from '../../export/export-chapters.ts';
import { refuseSidecarsInTheWay, sidecarPaths, writeSidecars } from '../../export/write-sidecars.ts';
import { coverOf } from '../../io/cover-image.ts';
import { FileError } from '../../io/file-error.ts';
import { CUE_SHEET_LIMIT, readRegularText } from '../../io/read-regular-file.ts';
import { loadScript, readScriptText } from '../../io/read-script-file.ts';
import { UsageError } from '../cli-error.ts';
import { type Io, toJson } from '../output.ts';
import { progressBar } from '../progress-bar.ts';

/** Read from src/io since the app's export dialog reads a cover too. */
export { coverOf };

export interface ExportArgs {
  script: string;
  audio: string;
  output?: string;
  cues?: string;
  loudness?: string;
  sidecars: boolean;
  lyricChapters: boolean;
  wavId3: boolean;
  json: boolean;
  title?: string;
  artist?: string;
  album?: string;
  cover?: string;
  bitrate?: string;
  /** Hz or kHz of the delivered file ("22050", "44.1k"). */
  sampleRate?: string;
  perChapter: boolean;
  roomTone?: string;
  /** Replace existing files under the sidecars' names that no earlier export wrote. */
  force: boolean;
}

export async function runExport(args: ExportArgs, io: Io): Promise<void> {
  if (!args.output) throw new UsageError('export needs -o OUT.(mp3|m4b|flac|opus|wav)');
  const format = exportFormatOf(args.output);
  const loudness = args.loudness !== undefined ? loudnessTarget(args.loudness) : undefined;
  const rate = args.bitrate !== undefined ? bitrate(args.bitrate) : undefined;
  if (loudness) refuseUndelivered(format, loudness.delivery, loudness.name, rate);
  // A preset that delivers one file per chapter (ACX) always does.
  const perChapter = args.perChapter || loudness?.delivery?.perChapter !== undefined;
  const sheet = await timedSheet(args);
  const cover = args.cover ? await coverOf(args.cover) : undefined;
  const sidecars = args.sidecars && !perChapter ? sidecarPaths(args.output, sheet) : [];
  if (sidecars.length > 0)
    await refuseSidecarsInTheWay(args.output, sheet, args.force ? 'all' : 'none', '--force replaces them');
  const measuring = progressBar('measuring');
  const encoding = progressBar('encoding ');
  let phase: 'measuring' | 'encoding' = 'measuring';
  const request = {
    audio: args.audio,
    output: args.output,
    sheet,
    tags: {
      title: args.title ?? sheet.title,
      genre: 'Audiobook',
      ...(args.artist ? { artist: args.artist } : {}),
      album: args.album ?? sheet.title,
      ...(cover ? { cover } : {}),
    },
    ...(loudness ? { loudness } : {}),
    ...(rate !== undefined ? { bitrate: rate } : {}),
    ...(args.sampleRate !== undefined ? { sampleRate: sampleRateOf(args.sampleRate) } : {}),
    lyricsAsChapters: args.lyricChapters,
    wavId3: args.wavId3,
    readsAlso: [
      { path: args.script, role: 'script' },
      ...(args.cues ? [{ path: args.cues, role: 'cue sheet' }] : []),
      ...(args.cover ? [{ path: args.cover, role: 'cover image' }] : []),
    ],
    writesAlso: sidecars,
    onProgress: (p: 'measuring' | 'encoding', f: number) => {
      if (p !== phase) measuring.done();
      phase = p;
      (p === 'measuring' ? measuring : encoding)(f);
    },
  };
  if (perChapter) {
    const seconds = args.roomTone === undefined ? 2 : Number(args.roomTone);
    const files = await exportChapterFiles({ ...request, roomTone: seconds }).finally(() => encoding.done());
    if (args.json) io.out(toJson({ files }));
    else
      for (const file of files)
        io.out(`wrote ${file.output} (${clockTime(file.duration)})${verdict(file)}\n`);
    return;
  }
  const result = await exportAudio(request).finally(() => encoding.done());
  const written = args.sidecars
    ? // The sidecars name the production as the file's tags do: --title wins over the script's.
      await writeSidecars(
        args.output,
        args.title ? { ...sheet, title: args.title } : sheet,
        result.chapters,
        args.artist,
        args.force ? 'all' : 'none',
      )
    : [];
  if (args.json) {
    io.out(toJson({ ...result, sidecars: written }));
    return;
  }
  io.out(wroteLine(result));
  io.out(presetShapeLine(args.loudness, loudness, result, { bitrate: rate, sampleRate: args.sampleRate }));
  warnIfMissed(io, result.output, loudness, result.delivered);
  for (const chapter of result.chapters) io.out(`  ${clockTime(chapter.start)}  ${chapter.title}\n`);
  for (const path of written) io.out(`  + ${path}\n`);
}

/** "-16.0 LUFS, true peak -1.2 dBTP measured": what a delivered file measures, decoded back. */
export function deliveredPhrase(delivered: { integrated: number; truePeak: number }): string {
  return `${delivered.integrated.toFixed(1)} LUFS, true peak ${delivered.truePeak.toFixed(1)} dBTP measured`;
}

/**
 * The line an export ends with: the file, its format and shape, its length and the loudness gain,
 * with what the delivered file measures (decoded back), never what the gain was meant to reach.
 */
export function wroteLine(result: Awaited<ReturnType<typeof exportAudio>>): string {
  const reached = result.delivered
    ? deliveredPhrase(result.delivered)
    : `${result.gain?.expectedIntegrated.toFixed(1)} LUFS`;
  const gain = result.gain
    ? `, gain ${result.gain.gainDb.toFixed(2)} dB → ${reached}${result.gain.limitedByCeiling ? ' (held back by the true-peak ceiling)' : ''}`
    : '';
  const how = (n: number) =>
    knownLayout(n) ? 'ITU-R BS.775, LFE left out' : 'their mean: no known layout for that count';
  const folded = result.foldedFrom
    ? ` folded from ${result.foldedFrom} channels (${how(result.foldedFrom)})`
    : '';
  return `wrote ${result.output} (${result.format}, ${shapeText(result)}${folded}, ${clockTime(result.duration)}${gain})\n`;
}

/** "44.1 kHz mono 64 kbps": a delivered file's rate, channels and (lossy) bitrate. */
export function shapeText(file: { sampleRate: number; channels: number; bitrate?: number }): string {
  const channels = file.channels === 1 ? 'mono' : file.channels === 2 ? 'stereo' : `${file.channels} ch`;
  return `${file.sampleRate / 1000} kHz ${channels}${file.bitrate ? ` ${file.bitrate / 1000} kbps` : ''}`;
}

/**
 * "  stereo, 44.1 kHz, 128 kbps: as --loudness podcast delivers": the line under `wroteLine` that
 * says which of the file's channels, rate and bitrate a named preset set (nothing asked for by
 * --bitrate or --sample-rate); empty for a bare LUFS number, which changes the loudness only.
 */
export function presetShapeLine(
  asked: string | undefined,
  target: LoudnessTarget | undefined,
  result: { channels: number; sampleRate: number; bitrate?: number },
  options: { bitrate?: number | undefined; sampleRate?: string | undefined },
): string {
  const delivery = target?.delivery;
  if (!asked || !delivery) return '';
  const set = [
    ...(delivery.channels !== undefined ? [result.channels === 1 ? 'mono' : 'stereo'] : []),
    ...(delivery.sampleRate !== undefined &&
    options.sampleRate === undefined &&
    result.sampleRate === delivery.sampleRate
      ? [`${delivery.sampleRate / 1000} kHz`]
      : []),
    ...(delivery.bitrate !== undefined && options.bitrate === undefined && result.bitrate === delivery.bitrate
      ? [`${delivery.bitrate / 1000} kbps`]
      : []),
  ];
  return set.length > 0 ? `  ${set.join(', ')}: as --loudness ${asked} delivers\n` : '';
}

/** What the delivered file was checked to be (ACX), or nothing when the preset checks none. */
export function verdict(file: ChapterFile): string {
  if (!file.check) return '';
  const { file: measured, verdict } = file.check;
  const figures = `${Math.round((measured.bitrate ?? 0) / 1000)} kbps ${measured.constantBitrate ? 'CBR' : 'VBR'}, ${measured.sampleRate} Hz, RMS ${measured.acx.rms.toFixed(1)} dB, peak ${measured.acx.peak.toFixed(1)} dB, noise floor ${measured.acx.noiseFloor.toFixed(1)} dB, room tone ${measured.head.toFixed(2)} s + ${measured.tail.toFixed(2)} s`;
  return verdict.pass
    ? `\n  ACX: pass (${figures})`
    : `\n  ACX: FAIL: ${verdict.problems.join('; ')} (${figures})`;
}

/** The cue sheet with times: from --cues, else the script's own (which then must be timed). */
async function timedSheet(args: ExportArgs): Promise<CueSheet> {
  if (!args.cues) return (await loadScript(args.script)).sheet;
  const json = await readRegularText(args.cues, CUE_SHEET_LIMIT);
  const script = await readScriptText(args.script);
  try {
    return readCueSheet(json, script);
  } catch (error) {
    throw FileError.wrap(args.cues, error);
  }
}

export function loudnessTarget(value: string): LoudnessTarget {
  if (Object.hasOwn(LOUDNESS_PRESETS, value)) return LOUDNESS_PRESETS[value as keyof typeof LOUDNESS_PRESETS];
  const lufs = Number(value);
  if (!Number.isFinite(lufs) || lufs > -5 || lufs < -40) {
    throw new UsageError(
      `--loudness takes LUFS between -40 and -5 or a preset (${Object.keys(LOUDNESS_PRESETS).join(', ')}); got "${value}"`,
    );
  }
  return { name: `${lufs} LUFS`, integrated: lufs, truePeakCeiling: -1 };
}

export function bitrate(value: string): number {
  const kbps = Number(value.replace(/k$/i, ''));
  if (!Number.isInteger(kbps) || kbps < 32 || kbps > 320)
    throw new UsageError(`--bitrate takes 32..320 kbps; got "${value}"`);
  return kbps * 1000;
}

/** `--sample-rate`: Hz ("22050") or kHz ("44.1k"), 8 to 192 kHz. */
export function sampleRateOf(value: string): number {
  const kilo = /k(hz)?$/i.test(value);
  const number = Number(value.replace(/k(hz)?$/i, '').replace(/hz$/i, ''));
  const hz = Math.round(kilo ? number * 1000 : number);
  if (!Number.isFinite(number) || hz < 8000 || hz > 192_000)
    throw new UsageError(`--sample-rate takes 8000..192000 Hz (or 8k..192k); got "${value}"`);
  return hz;
}

/** Says on stderr, naming the file, when what was delivered missed the loudness target. */
export function warnIfMissed(
  io: Io,
  output: string,
  target: LoudnessTarget | undefined,
  delivered: LoudnessResult | undefined,
): void {
  const missed = target && delivered ? targetMissed(target, delivered) : undefined;
  if (missed) io.err(`warning: ${output}: ${missed}\n`);
}
