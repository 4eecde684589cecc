import { detect } from 'chardet';
import { InputError } from '../../cues/input-error.ts';

export interface DecodedScript {
  /** The text with any byte-order mark removed: cue `source` offsets index this string. */
  text: string;
  encoding: string;
}

/**
 * Script bytes in any encoding → text. A BOM decides; else valid UTF-8 wins; else the legacy
 * encoding chardet names (Windows-1252 when it cannot tell). Binary data is refused by name.
 */
export function decodeScript(bytes: Uint8Array): DecodedScript {
  if (bytes.length === 0) throw new InputError('the file is empty');
  if (startsWith(bytes, [0xff, 0xfe, 0, 0]) || startsWith(bytes, [0, 0, 0xfe, 0xff])) {
    throw new InputError('UTF-32 text is not supported; save the script as UTF-8');
  }
  const bom = startsWith(bytes, [0xef, 0xbb, 0xbf])
    ? 'utf-8'
    : startsWith(bytes, [0xff, 0xfe])
      ? 'utf-16le'
      : startsWith(bytes, [0xfe, 0xff])
        ? 'utf-16be'
        : undefined;
  const encoding = bom ?? sniffUtf16(bytes) ?? (isUtf8(bytes) ? 'utf-8' : legacyEncoding(bytes));
  if (!encoding.startsWith('utf-16')) {
    const nul = bytes.indexOf(0);
    if (nul >= 0) throw new InputError(`this is binary data, not a script (a NUL byte at offset ${nul})`);
  }
  // TextDecoder drops the BOM itself (ignoreBOM defaults to false).
  const text = new TextDecoder(encoding).decode(bytes);
  const control = countControlCharacters(text);
  if (control > Math.max(8, text.length * 0.01)) {
    throw new InputError(`this is binary data, not a script (${control} control characters)`);
  }
  if (!/\S/.test(text)) throw new InputError('the file contains no text');
  return { text, encoding };
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** UTF-16 without a BOM: mostly-Latin text has a zero in every other byte. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return undefined;
}

function legacyEncoding(bytes: Uint8Array): string {
  const guess = detect(bytes)?.toLowerCase();
  if (guess && !guess.startsWith('utf') && isSupported(guess)) return guess;
  return 'windows-1252';
}

function isSupported(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

function countControlCharacters(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0x7f || c === 0xfffd) count++;
  }
  return count;
}
