// A reply that carries bytes travels as: u32 length of the JSON, the JSON (each byte array
// replaced by {"$bytes": [offset, length]}), then the bytes. The renderer's HTTP bridge reads it.

export const REPLY_WITH_BYTES = 'application/x-cuewright-reply';

export function encodeReply(reply: unknown): { json: string; blobs: Uint8Array[] } {
  const blobs: Uint8Array[] = [];
  let offset = 0;
  const json = JSON.stringify(reply, (_key, value: unknown) => {
    if (!(value instanceof Uint8Array)) return value;
    blobs.push(value);
    offset += value.byteLength;
    return { $bytes: [offset - value.byteLength, value.byteLength] };
  });
  return { json, blobs };
}
