// Small byte-building helpers for the chapter writers.

export function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** UTF-8 bytes (TextEncoder is a web/Node API, outside the ES library this layer is held to). */
export function text(value: string): Uint8Array {
  const out: number[] = [];
  for (const ch of value) {
    let c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // a lone surrogate is not encodable
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** UTF-16 with a little-endian byte-order mark (ID3v2.3's Unicode text encoding, 1). */
export function utf16WithBom(value: string): Uint8Array {
  const units: number[] = [0xfeff];
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff)
      units.push(0xfffd); // a lone surrogate is not encodable
    else if (c < 0x10000) units.push(c);
    else units.push(0xd800 | ((c - 0x10000) >> 10), 0xdc00 | ((c - 0x10000) & 0x3ff));
  }
  const out = new Uint8Array(units.length * 2);
  units.forEach((unit, i) => {
    out[i * 2] = unit & 0xff;
    out[i * 2 + 1] = unit >> 8;
  });
  return out;
}

/** ISO-8859-1 / ASCII bytes (ids, MIME types); other characters become "?". */
export function latin1(value: string): Uint8Array {
  return Uint8Array.from(value, (ch) => (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 63));
}

export function u32be(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0);
  return out;
}

export function u32le(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0, true);
  return out;
}
