import { LOUDNESS_PRESETS } from '../../../audio/export/loudness-target.ts';

// What the exported file will be, said under the choices before anything runs ("As the preset
// says" with "No loudness change" gave a 16 kHz mono AAC at ~70 kb/s and nothing said so).

export interface ShapeChoices {
  format: 'mp3' | 'm4b' | 'opus' | 'flac' | 'wav';
  /** A LOUDNESS_PRESETS key or 'none'. */
  loudness: string;
  /** kbit/s chosen; undefined: the preset's or the format's default. */
  bitrateKbps?: number;
  /** Hz asked for; undefined: the preset's or the recording's. */
  sampleRate?: number;
}

/** The encoder's bitrate when none is asked (src/export/output-writer.ts defaultBitrate). */
export function defaultKbps(format: 'mp3' | 'm4b' | 'opus', channels: number): number {
  return format === 'opus' ? 32 * channels : channels > 1 ? 128 : 64;
}

/** "MP3, 44.1 kHz, stereo, 128 kb/s" for a recording of `source` (its rate and channels). */
export function exportShapeText(
  choices: ShapeChoices,
  source: { sampleRate: number; channels?: number },
): string {
  const preset = LOUDNESS_PRESETS[choices.loudness as keyof typeof LOUDNESS_PRESETS];
  const delivery = preset && 'delivery' in preset ? preset.delivery : undefined;
  const channels = delivery && 'channels' in delivery ? delivery.channels : source.channels;
  // Opus always plays at 48 kHz (its encoder converts); others keep the preset's or the recording's.
  const rate =
    choices.format === 'opus' ? 48_000 : (choices.sampleRate ?? delivery?.sampleRate ?? source.sampleRate);
  const parts = [choices.format.toUpperCase(), `${Number((rate / 1000).toFixed(2))} kHz`];
  parts.push(
    channels === undefined
      ? 'channels as recorded'
      : channels === 1
        ? 'mono'
        : channels === 2
          ? 'stereo'
          : `${channels} channels`,
  );
  const format = choices.format;
  if (format === 'mp3' || format === 'm4b' || format === 'opus') {
    const chosen = choices.bitrateKbps ?? (delivery?.bitrate ? delivery.bitrate / 1000 : undefined);
    if (chosen !== undefined) parts.push(`${chosen} kb/s`);
    else if (channels !== undefined) parts.push(`${defaultKbps(format, channels)} kb/s`);
    else parts.push(`${defaultKbps(format, 1)} kb/s if mono, ${defaultKbps(format, 2)} if stereo`);
  } else parts.push('lossless');
  return parts.join(', ');
}
