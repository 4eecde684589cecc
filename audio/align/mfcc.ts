import { concatBlocks, FrameStream } from '../dsp/frame-stream.ts';
import type { PcmAudio, PcmSink } from '../pcm.ts';

// MFCC features for alignment: 16 kHz mono, 25 ms Hamming frames every 10 ms, 512-point FFT,
// 26 mel bands (80-7600 Hz), log energies, DCT-II to 13 coefficients, then per-recording mean and
// variance normalisation so two voices or two rooms become comparable.

export const FEATURE_RATE = 16_000;
export const HOP_SECONDS = 0.01;
const FRAME = 400;
const HOP = 160;
const FFT_SIZE = 512;
const BANDS = 26;
export const COEFFICIENTS = 13;

/** Normalised coefficients are stored as 16-bit integers: value x FEATURE_SCALE (±16 σ fits). */
export const FEATURE_SCALE = 2048;
/** Raw coefficients while streaming: value x RAW_SCALE (log-mel sums stay within ±800). */
const RAW_SCALE = 40;
const BLOCK_FRAMES = 1 << 15;

export interface Features {
  /** frames x COEFFICIENTS, row-major, normalised, times FEATURE_SCALE. Half the memory of floats. */
  data: Int16Array;
  frames: number;
  /**
   * Frames known to be sung (or music), with their place in the song (sung-sections.ts,
   * songPositions): aligned by that fact and that place, not by their spectra (dtw.ts).
   */
  sung?: Uint16Array;
}

/** MFCC of a whole signal in memory (short stretches: a re-aligned range, tests). */
export function mfcc(audio: PcmAudio): Features {
  const extractor = new MfccExtractor(audio.sampleRate);
  extractor.push(audio.channels);
  return extractor.finish();
}

/**
 * MFCC while the audio streams past: downmix, resample to 16 kHz, frame, transform. Holds only
 * the features (5 kB per second), so an hour costs 19 MB, not the 600 MB of its samples.
 */
export class MfccExtractor implements PcmSink {
  private readonly stream: FrameStream;
  // Fixed-size blocks: growing one array would copy it (and briefly double it) again and again.
  private readonly blocks: Int16Array[] = [];
  private frames = 0;
  private readonly window = Float64Array.from(
    { length: FRAME },
    (_, i) => 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (FRAME - 1)),
  );
  private readonly filters = melFilters();
  private readonly re = new Float64Array(FFT_SIZE);
  private readonly im = new Float64Array(FFT_SIZE);
  private readonly energies = new Float64Array(BANDS);

  constructor(sampleRate: number) {
    this.stream = new FrameStream(
      sampleRate,
      { rate: FEATURE_RATE, length: FRAME, hop: HOP },
      (samples, at) => this.frame(samples, at),
    );
  }

  push(channels: Float32Array[]): void {
    this.stream.push(channels);
  }

  /** The features, normalised per recording (mean 0, variance 1 per coefficient). */
  finish(): Features {
    this.stream.flush();
    const data = concatBlocks(this.blocks, new Int16Array(this.frames * COEFFICIENTS));
    normalize(data, this.frames);
    return { data, frames: this.frames };
  }

  private frame(samples: Float32Array, at: number): void {
    const { re, im, energies, window, filters } = this;
    re.fill(0);
    im.fill(0);
    for (let i = 0; i < FRAME; i++) re[i] = samples[at + i]! * window[i]!;
    fft(re, im);
    for (let b = 0; b < BANDS; b++) {
      let e = 0;
      for (const [bin, weight] of filters[b]!) e += weight * (re[bin]! * re[bin]! + im[bin]! * im[bin]!);
      energies[b] = Math.log(e + 1e-10);
    }
    const inBlock = this.frames % BLOCK_FRAMES;
    if (inBlock === 0) this.blocks.push(new Int16Array(BLOCK_FRAMES * COEFFICIENTS));
    const block = this.blocks[this.blocks.length - 1]!;
    const row = inBlock * COEFFICIENTS;
    for (let k = 0; k < COEFFICIENTS; k++) {
      let sum = 0;
      for (let b = 0; b < BANDS; b++) sum += energies[b]! * DCT[k * BANDS + b]!;
      block[row + k] = Math.max(-32768, Math.min(32767, Math.round(sum * RAW_SCALE)));
    }
    this.frames++;
  }
}

const DCT = Float64Array.from({ length: COEFFICIENTS * BANDS }, (_, index) => {
  const k = Math.floor(index / BANDS);
  const b = index % BANDS;
  return Math.cos((Math.PI * k * (b + 0.5)) / BANDS);
});

function melFilters(): Array<Array<[number, number]>> {
  const mel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
  const hz = (m: number) => 700 * (10 ** (m / 2595) - 1);
  const low = mel(80);
  const high = mel(7600);
  const edges = Array.from(
    { length: BANDS + 2 },
    (_, i) => (hz(low + ((high - low) * i) / (BANDS + 1)) * FFT_SIZE) / FEATURE_RATE,
  );
  return Array.from({ length: BANDS }, (_, b) => {
    const [left, centre, right] = [edges[b]!, edges[b + 1]!, edges[b + 2]!];
    const taps: Array<[number, number]> = [];
    for (let bin = Math.ceil(left); bin <= Math.floor(right); bin++) {
      const w = bin <= centre ? (bin - left) / (centre - left) : (right - bin) / (right - centre);
      if (w > 0) taps.push([bin, w]);
    }
    return taps;
  });
}

// Twiddles and bit reversal for the one FFT size used, computed once.
const REVERSED = Uint16Array.from({ length: FFT_SIZE }, (_, i) => {
  let r = 0;
  for (let bit = 1, k = FFT_SIZE >> 1; bit < FFT_SIZE; bit <<= 1, k >>= 1) if (i & bit) r |= k;
  return r;
});
const COS = Float64Array.from({ length: FFT_SIZE / 2 }, (_, k) => Math.cos((-2 * Math.PI * k) / FFT_SIZE));
const SIN = Float64Array.from({ length: FFT_SIZE / 2 }, (_, k) => Math.sin((-2 * Math.PI * k) / FFT_SIZE));

/** In-place iterative radix-2 FFT of size FFT_SIZE. */
function fft(re: Float64Array, im: Float64Array): void {
  const n = FFT_SIZE;
  for (let i = 0; i < n; i++) {
    const j = REVERSED[i]!;
    if (i < j) {
      const tr = re[i]!;
      re[i] = re[j]!;
      re[j] = tr;
      const ti = im[i]!;
      im[i] = im[j]!;
      im[j] = ti;
    }
  }
  for (let size = 2; size <= n; size <<= 1) {
    const half = size >> 1;
    const stride = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = COS[k * stride]!;
        const wi = SIN[k * stride]!;
        const a = start + k;
        const b = a + half;
        const tr = re[b]! * wr - im[b]! * wi;
        const ti = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a]! += tr;
        im[a]! += ti;
      }
    }
  }
}

/** Raw (x RAW_SCALE) to normalised (mean 0, variance 1, x FEATURE_SCALE), in place. */
function normalize(data: Int16Array, frames: number): void {
  for (let k = 0; k < COEFFICIENTS; k++) {
    let mean = 0;
    for (let f = 0; f < frames; f++) mean += data[f * COEFFICIENTS + k]!;
    mean /= Math.max(1, frames);
    let variance = 0;
    for (let f = 0; f < frames; f++) variance += (data[f * COEFFICIENTS + k]! - mean) ** 2;
    const scale = FEATURE_SCALE / Math.sqrt(variance / Math.max(1, frames) + 1e-9);
    for (let f = 0; f < frames; f++) {
      const v = (data[f * COEFFICIENTS + k]! - mean) * scale;
      data[f * COEFFICIENTS + k] = Math.max(-32768, Math.min(32767, Math.round(v)));
    }
  }
}
