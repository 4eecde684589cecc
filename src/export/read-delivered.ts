import { open } from 'node:fs/promises';
import { acxReport } from '../../audio/acx.ts';
import { type AcxVerdict, acxVerdict, type DeliveredFile } from '../../audio/export/acx-delivery.ts';
import { infoTagOf, Mp3StreamScan } from '../../audio/export/mp3-info-frame.ts';
import { EnergyEnvelope } from '../../audio/silence/energy-envelope.ts';
import { edgeRoomTone } from '../../audio/silence/speech-span.ts';
import { FORMAT_NAMES } from '../../audio/sniff-format.ts';
import { probeAudio, streamAudio } from '../audio-io/audio-source.ts';
import { FileError } from '../io/file-error.ts';

// A delivered file read back as a checker would read it: decoded (rate, channels, length, RMS,
// peak, noise floor, room tone at each end) and, for MP3, every frame header (bitrate, CBR).

export async function readDelivered(path: string): Promise<DeliveredFile> {
  const probe = await probeAudio(path);
  const envelope = new EnergyEnvelope(probe.sampleRate);
  const info = await streamAudio(probe, [envelope]);
  const duration = info.frames / info.sampleRate;
  const frames = info.format === 'mp3' ? await mp3Frames(path) : {};
  return {
    format: FORMAT_NAMES[info.format],
    sampleRate: info.sampleRate,
    channels: info.channels,
    ...frames,
    duration,
    acx: acxReport(envelope),
    ...edgeRoomTone(envelope, duration),
  };
}

/** The file read back and judged against ACX's requirements. */
export async function checkDelivered(path: string): Promise<{ file: DeliveredFile; verdict: AcxVerdict }> {
  const file = await readDelivered(path);
  return { file, verdict: acxVerdict(file) };
}

const BLOCK = 1 << 20;

/** Every frame after the ID3v2 tag (and before any ID3v1 tag) at one bitrate, and a CBR Info tag. */
async function mp3Frames(path: string): Promise<{ constantBitrate: boolean; bitrate: number }> {
  const file = await open(path, 'r');
  try {
    const size = (await file.stat()).size;
    const head = new Uint8Array(10);
    await file.read(head, 0, 10, 0);
    let at = 0;
    if (String.fromCharCode(...head.subarray(0, 3)) === 'ID3') {
      const tag =
        ((head[6]! & 127) << 21) | ((head[7]! & 127) << 14) | ((head[8]! & 127) << 7) | (head[9]! & 127);
      at = 10 + tag + (head[5]! & 0x10 ? 10 : 0);
    }
    const tail = new Uint8Array(3);
    await file.read(tail, 0, 3, Math.max(0, size - 128));
    const end = size >= 128 && String.fromCharCode(...tail) === 'TAG' ? size - 128 : size;
    const scan = new Mp3StreamScan();
    const first = new Uint8Array(Math.min(BLOCK, end - at));
    let tag: ReturnType<typeof infoTagOf>;
    for (let offset = at; offset < end; offset += BLOCK) {
      const block = offset === at ? first : new Uint8Array(Math.min(BLOCK, end - offset));
      const { bytesRead } = await file.read(block, 0, block.length, offset);
      if (offset === at) tag = infoTagOf(block);
      scan.push(block.subarray(0, bytesRead));
    }
    const stream = scan.result();
    return { constantBitrate: stream.constantBitrate && tag !== 'Xing', bitrate: stream.kbps * 1000 };
  } catch (error) {
    throw FileError.wrap(path, error);
  } finally {
    await file.close();
  }
}
