import { isWav } from './wav/wav-header.ts';

export type AudioFormat = 'wav' | 'mp3' | 'flac' | 'vorbis' | 'opus' | 'm4a' | 'aac';

export const FORMAT_NAMES: Record<AudioFormat, string> = {
  wav: 'WAV',
  mp3: 'MP3',
  flac: 'FLAC',
  vorbis: 'Ogg Vorbis',
  opus: 'Ogg Opus',
  m4a: 'M4A/MP4 (AAC)',
  aac: 'AAC (ADTS)',
};

/** The container from the first bytes (at least 64 are needed for Ogg), not from the file name. */
export function sniffAudioFormat(head: Uint8Array): AudioFormat | undefined {
  const text = (at: number, n: number) => String.fromCharCode(...head.subarray(at, at + n));
  if (isWav(head)) return 'wav';
  if (text(0, 4) === 'fLaC') return 'flac';
  if (text(0, 4) === 'OggS') {
    const firstPage = text(0, Math.min(head.length, 200));
    if (firstPage.includes('OpusHead')) return 'opus';
    if (firstPage.includes('\u0001vorbis')) return 'vorbis';
    if (firstPage.includes('fLaC')) return 'flac';
    return undefined;
  }
  if (text(4, 4) === 'ftyp') return 'm4a';
  if (text(0, 3) === 'ID3') return 'mp3';
  if (head[0] === 0xff && head[1] !== undefined) {
    if ((head[1] & 0xf6) === 0xf0) return 'aac'; // ADTS sync, layer 0
    if ((head[1] & 0xe0) === 0xe0 && (head[1] & 0x06) !== 0) return 'mp3'; // MPEG audio, layer I-III
  }
  return undefined;
}
