import { availableParallelism } from 'node:os';
import { dirname, extname, resolve } from 'node:path';
import { tooManyChapters } from '../../audio/export/chapter-limits.ts';
import { DeliveryConverter } from '../../audio/export/delivery-converter.ts';
import { type DeliveryShape, deliveryShape } from '../../audio/export/delivery-spec.ts';
import { AAC_PACKET, type EncodeSegment, planSegments } from '../../audio/export/encode-segments.ts';
import type { AudioTags } from '../../audio/export/id3v2.ts';
import { type GainPlan, type LoudnessTarget, planGain } from '../../audio/export/loudness-target.ts';
import { mp3FrameSamples } from '../../audio/export/mp3-frames.ts';
import { PeakLimiter } from '../../audio/export/peak-limiter.ts';
import { LoudnessMeter, type LoudnessResult, subBlockOf } from '../../audio/loudness/loudness-meter.ts';
import { StretchMeter } from '../../audio/loudness/stretch-meter.ts';
import type { PlacedBed } from '../../audio/mix/bed-mixer.ts';
import type { PcmSink } from '../../audio/pcm.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { InputError } from '../../cues/input-error.ts';
import { type ChapterMark, chapterMarks } from '../../cues/sidecars/chapter-marks.ts';
import { type AudioInfo, type ProbedAudio, probeAudio, type StreamFrom } from '../audio-io/audio-source.ts';
import { FileError } from '../io/file-error.ts';
import { refuseUnwritableFolder } from '../io/output-folder.ts';
import { type InputFile, refuseOutputOverInput } from '../io/output-over-input.ts';
import { PartFile, refuseLongName } from '../io/part-file.ts';
import { type Delivered, encodeToTarget } from './deliver-loudness.ts';
import { loadBeds, streamMixed } from './music-beds.ts';
import { defaultBitrate, type ExportFormat, openOutput, writeSegmented } from './output-writer.ts';
import { type Render, SpliceError } from './segmented-encode.ts';

export type { ExportFormat };

export const EXPORT_FORMATS: Record<string, ExportFormat> = {
  '.mp3': 'mp3',
  '.m4b': 'm4b',
  '.m4a': 'm4b',
  '.flac': 'flac',
  '.opus': 'opus',
  '.wav': 'wav',
};

export interface ExportRequest {
  audio: string;
  /** The audio already probed, or a production of many recordings (src/production); default: `audio` probed. */
  source?: ProbedAudio;
  output: string;
  sheet: CueSheet;
  tags: AudioTags;
  loudness?: LoudnessTarget;
  /** Limit peaks to reach the loudness target under its ceiling (default); off: stop short instead. */
  limit?: boolean;
  bitrate?: number;
  /** Hz of the delivered file (resampled); absent: the preset's rate, else the recording's. */
  sampleRate?: number;
  lyricsAsChapters?: boolean;
  /** WAV only: also write an `id3 ` chunk with CHAP frames (music-metadata reads it; ffmpeg then lists chapters twice). */
  wavId3?: boolean;
  /** Phase and fraction done, for progress bars and the UI. */
  onProgress?: (phase: 'measuring' | 'encoding', fraction: number) => void;
  signal?: AbortSignal;
  /** Where relative music-bed paths in the sheet are resolved from (default: the working folder). */
  bedsDir?: string;
  /** MP3 and M4B: encoders run at once on stretches of the audio (default: one per core, up to 4). */
  encoders?: number;
  /** Files this export reads besides the recording and the beds (script, cue sheet, cover). */
  readsAlso?: InputFile[];
  /** Files written along with the output (sidecars): like it, none may be an input. */
  writesAlso?: string[];
}

export interface ExportResult {
  output: string;
  format: ExportFormat;
  duration: number;
  /** The delivered file's rate (Hz; Opus plays at 48 kHz), channels and bitrate (bits/s, lossy formats). */
  sampleRate: number;
  channels: number;
  bitrate?: number;
  /** The recording's channels when it was surround folded down (ITU-R BS.775, channel-fold.ts). */
  foldedFrom?: number;
  /** Chapters on the audio's own timeline (what a listener hears when). */
  chapters: ChapterMark[];
  measured: LoudnessResult;
  gain?: GainPlan;
  /** With a loudness target: the delivered file decoded back and measured (what listeners get). */
  delivered?: LoudnessResult;
}

export function exportFormatOf(path: string): ExportFormat {
  const format = EXPORT_FORMATS[extname(path).toLowerCase()];
  if (!format) {
    throw new InputError(
      `cannot export "${extname(path) || path}": name the output .mp3, .m4b, .flac, .opus or .wav`,
    );
  }
  return format;
}

/** The recording as it is delivered: beds mixed in, at the delivered channel count and rate. */
export interface DeliveredSource {
  /** The headers, read once for every later pass. */
  probe: ProbedAudio;
  /** Music beds mixed into every pass. */
  beds: PlacedBed[];
  /** The delivered file's channels, rate and bitrate (the preset's, else the recording's). */
  shape: DeliveryShape;
}

export interface Measured extends DeliveredSource {
  /** What decoding found, as delivered: the exact length at the delivered rate. */
  info: AudioInfo;
  measured: LoudnessResult;
  gain?: GainPlan;
  chapters: ChapterMark[];
}

/** The delivered shape for this request's output format and preset (refusals name the preset). */
export function shapeFor(request: ExportRequest, probe: AudioInfo): DeliveryShape {
  const preset = request.loudness?.name ?? 'this export';
  const delivery = request.loudness?.delivery;
  const asked = request.sampleRate;
  // A rate asked for is the delivered one (streamDelivered converts), unless the preset fixes its own.
  if (asked !== undefined && delivery?.sampleRate !== undefined && delivery.sampleRate !== asked)
    throw new InputError(`${preset} delivers ${delivery.sampleRate} Hz, not ${asked} Hz`);
  const spec = asked === undefined ? delivery : { ...delivery, sampleRate: asked };
  return deliveryShape(probe, exportFormatOf(request.output), spec, preset, request.bitrate);
}

/** The request's source probed, with its beds and the delivered shape: what every pass streams. */
async function deliveredSource(request: ExportRequest): Promise<DeliveredSource> {
  const probe = request.source ?? (await probeAudio(request.audio));
  const shape = shapeFor(request, probe);
  const beds = await loadBeds(request.sheet, probe.sampleRate, request.bedsDir);
  return { probe, beds, shape };
}

/** The measuring pass over the delivered audio: its exact length and loudness (and `also`'s sinks fed). */
async function measurePass(
  request: ExportRequest,
  source: DeliveredSource,
  also: PcmSink[],
): Promise<{ info: AudioInfo; measured: LoudnessResult }> {
  const { shape } = source;
  const meter = new LoudnessMeter(shape.sampleRate, shape.channels);
  // Cancel stops the measuring pass too (it ran on to its end, then the export stopped).
  const cancellable: PcmSink = {
    push() {
      if (request.signal?.aborted) throw new InputError('export cancelled');
    },
  };
  const info = await streamDelivered(source, [cancellable, meter, ...also], (f) =>
    request.onProgress?.('measuring', f),
  );
  return { info, measured: meter.result() };
}

/**
 * The first pass: exact length, loudness and the gain plan, and the chapters on that length.
 * `alsoMeasure` adds sinks of the caller's (built once the delivered shape is known) to the same pass.
 */
export async function measureForExport(
  request: ExportRequest,
  alsoMeasure: (shape: DeliveryShape) => PcmSink[] = () => [],
): Promise<Measured> {
  const source = await deliveredSource(request);
  return measureSource(request, source, alsoMeasure(source.shape));
}

/** measureForExport on a source already probed. */
async function measureSource(
  request: ExportRequest,
  source: DeliveredSource,
  also: PcmSink[],
): Promise<Measured> {
  const { info, measured } = await measurePass(request, source, also);
  const chapters = chaptersOn(request, info);
  let gain = request.loudness
    ? planGain(measured, request.loudness, { limit: request.limit ?? true })
    : undefined;
  if (gain?.limiterCeiling !== undefined) gain = await refineLimitedGain(request, gain, source);
  return { ...source, info, measured, chapters, ...(gain ? { gain } : {}) };
}

function chaptersOn(request: ExportRequest, info: AudioInfo): ChapterMark[] {
  return chapterMarks(request.sheet, {
    duration: info.frames / info.sampleRate,
    ...(request.lyricsAsChapters ? { lyricsAsChapters: true } : {}),
  });
}

/**
 * The delivered length before any decode, where nothing encoded waits on the measurement: no
 * loudness target (so no gain), a source whose decoded length is known exactly (a surveyed
 * production), delivered at its own rate and channels with no beds mixed in. Such an export
 * measures while it encodes (one core less idle through a pass of its own); else undefined.
 */
function lengthKnownAhead(request: ExportRequest, source: DeliveredSource): AudioInfo | undefined {
  const { probe, shape, beds } = source;
  if (request.loudness || !probe.exactFrames || beds.length > 0) return undefined;
  if (shape.sampleRate !== probe.sampleRate || shape.channels !== probe.channels) return undefined;
  return {
    format: probe.format,
    sampleRate: probe.sampleRate,
    channels: probe.channels,
    frames: probe.frames,
  };
}

/**
 * Streams the recording as delivered into the sinks: beds mixed in, channels folded or spread and
 * the rate converted where the delivered shape differs. The length returned is the delivered one.
 */
export async function streamDelivered(
  source: DeliveredSource,
  sinks: PcmSink[],
  onProgress?: (fraction: number) => void,
  from?: StreamFrom,
): Promise<AudioInfo> {
  const { probe, beds, shape } = source;
  // Converted, the pass starts at 0 (`from` unused): the converter's state carries across blocks.
  if (shape.sampleRate === probe.sampleRate && shape.channels === probe.channels)
    return streamMixed(probe, beds, sinks, onProgress, from);
  const converter = new DeliveryConverter(probe, shape);
  let frames = 0;
  const emit = async (channels: Float32Array[]) => {
    const n = channels[0]?.length ?? 0;
    if (n === 0) return;
    frames += n;
    for (const sink of sinks) await sink.push(channels);
  };
  const stage: PcmSink = { push: (channels) => emit(converter.push(channels)) };
  const info = await streamMixed(probe, beds, [stage], onProgress);
  await emit(converter.flush());
  return { ...info, sampleRate: shape.sampleRate, channels: shape.channels, frames };
}

/**
 * Limiting many peaks costs loudness (0.5-1 LU on close-miked or synthetic speech), and flattened
 * peaks grow inter-sample overs. So measure what the limited audio really reaches and correct:
 * the gain towards the target, the limiter's sample ceiling down by any true-peak excess.
 */
async function refineLimitedGain(
  request: ExportRequest,
  plan: GainPlan,
  source: DeliveredSource,
): Promise<GainPlan> {
  const { shape } = source;
  const { integrated: target, truePeakCeiling } = request.loudness!;
  let gain = plan;
  // The gain used is always one that was measured: the last round only measures.
  for (let round = 0; ; round++) {
    const meter = new LoudnessMeter(shape.sampleRate, shape.channels);
    await streamWithGain({ ...request, onProgress: () => {} }, gain, meter, source);
    const reached = meter.result();
    const short = target - reached.integrated;
    const excess = reached.truePeak - truePeakCeiling;
    if (!Number.isFinite(short) || (Math.abs(short) < 0.05 && excess <= 0) || round === 3) break;
    gain = {
      ...gain,
      gainDb: gain.gainDb + short,
      limiterCeiling: gain.limiterCeiling! * (excess > 0 ? 10 ** (-(excess + 0.05) / 20) : 1),
    };
  }
  return gain;
}

/**
 * The second pass: the narration with gain (and limiting) applied, checking for cancellation;
 * `from`: a parallel encoder's stretch, which the source may begin near (audio-source.ts).
 */
export async function streamWithGain(
  request: ExportRequest,
  gain: GainPlan | undefined,
  sink: PcmSink,
  source: DeliveredSource,
  from?: StreamFrom,
): Promise<void> {
  const linear = 10 ** ((gain?.gainDb ?? 0) / 20);
  const limiter = gain?.limiterCeiling
    ? new PeakLimiter({
        sampleRate: source.shape.sampleRate,
        channels: source.shape.channels,
        ceiling: gain.limiterCeiling,
      })
    : undefined;
  const stage: PcmSink = {
    async push(channels) {
      if (request.signal?.aborted) throw new InputError('export cancelled');
      // Restored dual-mono and spread channels are copies (audio-source.ts, delivery-converter.ts),
      // so in-place gain is safe.
      if (linear !== 1)
        for (const channel of channels) for (let i = 0; i < channel.length; i++) channel[i]! *= linear;
      const out = limiter ? limiter.process(channels) : channels;
      if (out[0]!.length > 0) await sink.push(out);
    },
  };
  await streamDelivered(source, [stage], (f) => request.onProgress?.('encoding', f), from);
  if (limiter) await sink.push(limiter.flush());
}

/** Stretches for parallel MP3 or AAC encoders: one per core (up to 4), each at least a minute long. */
function segmentsFor(
  request: ExportRequest,
  format: ExportFormat,
  info: AudioInfo,
  source: DeliveredSource,
): EncodeSegment[] {
  if (format !== 'mp3' && format !== 'm4b') return [];
  const count =
    request.encoders ?? Math.min(4, availableParallelism(), Math.floor(info.frames / info.sampleRate / 60));
  const packet = format === 'm4b' ? AAC_PACKET : mp3FrameSamples(info.sampleRate);
  // A converted pass starts at 0 (streamDelivered), so only an unconverted one begins at a join.
  const { probe, shape } = source;
  const unconverted = shape.sampleRate === probe.sampleRate && shape.channels === probe.channels;
  const starts = unconverted ? (probe.starts ?? []) : [];
  return planSegments(info.frames, count, SEGMENT_OVERLAP * info.sampleRate, packet, starts);
}

/** Seconds of audio each segment's encoder is fed beyond the packets it contributes. */
const SEGMENT_OVERLAP = 2;

/** A part file beside the target; a missing folder is named as such. */
export async function createPart(output: string): Promise<PartFile> {
  return PartFile.create(output).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new FileError(output, `the folder ${dirname(output)} does not exist`);
    throw FileError.wrap(output, error);
  });
}

/** Refuses, before any work, outputs that are one of the export's own inputs (same inode). */
export function refuseOverwritingInputs(request: ExportRequest, outputs: string[]): Promise<void> {
  return refuseOutputOverInput(
    [...outputs, ...(request.writesAlso ?? [])],
    [
      { path: request.audio, role: 'recording' },
      ...(request.sheet.beds ?? []).map((bed) => ({
        path: resolve(request.bedsDir ?? '.', bed.path),
        role: 'music bed',
      })),
      ...(request.readsAlso ?? []),
    ],
  );
}

/** Measures, then renders the narration with gain into the chosen format with its chapters. */
export async function exportAudio(request: ExportRequest): Promise<ExportResult> {
  const format = exportFormatOf(request.output);
  for (const name of [request.output, ...(request.writesAlso ?? [])]) refuseLongName(name);
  const tooMany = tooManyChapters(format, request.sheet, request.lyricsAsChapters);
  if (tooMany) throw new FileError(request.output, tooMany);
  await refuseOverwritingInputs(request, [request.output]);
  for (const name of [request.output, ...(request.writesAlso ?? [])]) await refuseUnwritableFolder(name);
  if (request.loudness?.delivery?.perChapter)
    throw new InputError(
      `${request.loudness.name} delivers one file per chapter, which only \`cuewright export\` writes so far`,
    );
  const delivered = await deliveredSource(request);
  const ahead = lengthKnownAhead(request, delivered);
  if (ahead) return measuredWhileEncoding(request, format, delivered, ahead);
  const measuredSource = await measureSource(request, delivered, []);
  const { info, measured, gain: planned, chapters } = measuredSource;
  let delivery: Delivered;
  try {
    // With a target, the delivered file is measured and re-encoded until it meets it.
    delivery = await encodeToTarget(
      request.loudness,
      planned,
      { limit: request.limit ?? true },
      () => createPart(request.output),
      encoderFor(request, format, measuredSource, info, chapters),
    );
  } catch (error) {
    throw FileError.wrap(request.output, error);
  }
  return committed(request, format, delivery, measuredSource, chapters, measured);
}

/**
 * An export whose length is known ahead (lengthKnownAhead): the measuring pass and the encode run
 * at once, each stopping the other if it fails; the length measured must be the one encoded.
 */
async function measuredWhileEncoding(
  request: ExportRequest,
  format: ExportFormat,
  source: DeliveredSource,
  info: AudioInfo,
): Promise<ExportResult> {
  const stop = new AbortController();
  const signal = request.signal ? AbortSignal.any([request.signal, stop.signal]) : stop.signal;
  const both = { ...request, signal };
  const chapters = chaptersOn(request, info);
  // Parallel encoders measure their own stretches between them: no pass decodes only to measure.
  const segments = segmentsFor(request, format, info, source);
  const meters =
    segments.length > 1 ? stretchMeters(segments, source.shape.sampleRate, info.channels) : undefined;
  const encoding = encodeToTarget(
    undefined,
    undefined,
    {},
    () => createPart(request.output),
    encoderFor(both, format, source, info, chapters, meters),
  );
  const measuring = meters
    ? encoding.then(() => measuredByStretches(meters, info))
    : measurePass(both, source, []);
  // The first failure is the one reported: the other pass only stopped for it.
  const failed: Array<{ error: unknown; encoding: boolean }> = [];
  const onFailure = (encoding: boolean) => (error: unknown) => {
    failed.push({ error, encoding });
    stop.abort();
  };
  measuring.catch(onFailure(false));
  encoding.catch(onFailure(true));
  const [measure, encode] = await Promise.allSettled([measuring, encoding]);
  const discard = async () => {
    if (encode.status === 'fulfilled') await encode.value.part.discard();
  };
  const first = failed[0];
  if (first || measure.status === 'rejected' || encode.status === 'rejected') {
    await discard();
    throw first?.encoding ? FileError.wrap(request.output, first.error) : first?.error;
  }
  if (measure.value.info.frames !== info.frames) {
    await discard();
    throw new FileError(
      request.output,
      `${source.probe.path} decoded to ${measure.value.info.frames} frames, not the ${info.frames} surveyed`,
    );
  }
  return committed(
    request,
    format,
    encode.value,
    { info, shape: source.shape, probe: source.probe },
    chapters,
    measure.value.measured,
  );
}

/** The encode of one attempt at the delivered file into `part`: parallel encoders where they help. */
function encoderFor(
  request: ExportRequest,
  format: ExportFormat,
  source: DeliveredSource,
  info: AudioInfo,
  chapters: ChapterMark[],
  meters?: StretchMeter[],
): (part: PartFile, gain: GainPlan | undefined) => Promise<void> {
  const { shape } = source;
  const spec = {
    format,
    sampleRate: info.sampleRate,
    channels: info.channels,
    frames: info.frames,
    chapters,
    tags: request.tags,
    ...(shape.bitrate ? { bitrate: shape.bitrate } : {}),
    ...(request.wavId3 ? { wavId3: true } : {}),
  };
  const segments = segmentsFor(request, format, info, source);
  const encode = async (part: PartFile, gain: GainPlan | undefined) => {
    const single = async () => {
      const writer = await openOutput(part, spec);
      try {
        await streamWithGain(request, gain, writer, source);
        await writer.finish();
      } catch (error) {
        await writer.cancel().catch(() => undefined);
        throw error;
      }
    };
    if (segments.length > 1 && (format === 'mp3' || format === 'm4b')) {
      // Each segment renders the audio itself; progress is counted over what the encoders got.
      const quiet = { ...request, onProgress: undefined };
      const plain = (sink: PcmSink, from?: StreamFrom) => streamWithGain(quiet, gain, sink, source, from);
      const render = meters ? measuredRender(plain, segments, meters) : plain;
      await writeSegmented(part, spec, format, segments, render, (f) =>
        request.onProgress?.('encoding', f),
      ).catch(
        // No MP3 frame near a seam could stand alone (not seen at delivery bitrates): one encoder.
        (error: unknown) => {
          if (error instanceof SpliceError) return single();
          throw error;
        },
      );
    } else {
      await single();
    }
  };
  return encode;
}

/**
 * A meter per encoder segment, stretches joined at the sub-block at or before each seam: each lies
 * inside its segment's audio (a seam is 2 s into the next segment's), so every frame is measured once.
 */
function stretchMeters(segments: EncodeSegment[], sampleRate: number, channels: number): StretchMeter[] {
  const sub = subBlockOf(sampleRate);
  const seams = segments.map((s, i) => (i === 0 ? 0 : Math.floor(s.keepFrom / sub) * sub));
  return seams.map(
    (from, i) => new StretchMeter(sampleRate, channels, from, seams[i + 1] ?? Number.POSITIVE_INFINITY),
  );
}

/** Each segment's render feeding its stretch's meter too (found by where the segment starts). */
function measuredRender(render: Render, segments: EncodeSegment[], meters: StretchMeter[]): Render {
  return (sink, from) => {
    const at = from?.at ?? 0;
    const meter = meters[segments.findIndex((s) => s.encodeFrom === at)];
    if (!meter) throw new Error(`no encoder segment starts at frame ${at}`);
    meter.startsAt(0);
    const both: PcmSink = {
      async push(channels) {
        meter.push(channels);
        await sink.push(channels);
      },
    };
    return render(
      both,
      from && {
        at: from.at,
        started: (frame) => {
          meter.startsAt(frame);
          from.started(frame);
        },
      },
    );
  };
}

/** The encoders' stretches joined: the loudness of the whole, and the length the last one reached. */
function measuredByStretches(
  meters: StretchMeter[],
  info: AudioInfo,
): { info: AudioInfo; measured: LoudnessResult } {
  // A stretch cut short: the stream ended early, and the length check names it.
  const short = meters.find((m) => !m.complete && m !== meters.at(-1));
  const frames = short ? short.reached : meters.at(-1)!.reached;
  return { info: { ...info, frames }, measured: StretchMeter.joined(meters) };
}

/** The part committed as the output, and what the export did. */
async function committed(
  request: ExportRequest,
  format: ExportFormat,
  delivery: Delivered,
  { info, shape, probe }: { info: AudioInfo; shape: DeliveryShape; probe: AudioInfo },
  chapters: ChapterMark[],
  measured: LoudnessResult,
): Promise<ExportResult> {
  try {
    await delivery.part.commit();
  } catch (error) {
    await delivery.part.discard();
    throw FileError.wrap(request.output, error);
  }
  const { gain, delivered } = delivery;
  const duration = info.frames / info.sampleRate;
  return {
    output: request.output,
    format,
    duration,
    sampleRate: format === 'opus' ? 48_000 : info.sampleRate,
    channels: info.channels,
    ...(probe.channels > 2 && info.channels < probe.channels ? { foldedFrom: probe.channels } : {}),
    ...(format === 'flac' || format === 'wav'
      ? {}
      : { bitrate: shape.bitrate ?? defaultBitrate(format, info.channels) }),
    chapters,
    measured,
    ...(gain ? { gain } : {}),
    ...(delivered ? { delivered } : {}),
  };
}
