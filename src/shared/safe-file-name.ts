// A suggested file name (from a title) that Windows, macOS and Linux all accept: Windows refuses
// < > : " / \ | ? * and control characters, names ending in a dot or a space, and the device names
// (CON, NUL, COM1…, with any extension); macOS Finder shows ":" as "/"; every system limits a name
// to 255 bytes. A leading dot would hide the file on macOS and Linux.

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const MAX_BYTES = 200; // room for an extension and a ".part" beside it

export function safeFileStem(title: string, fallback = 'production'): string {
  let stem = title
    .normalize('NFC')
    // A colon in a title reads as a dash ("Part 1: Arrival" -> "Part 1 - Arrival").
    .replace(/\s*:\s*/g, ' - ')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are refused by Windows
    .replace(/[<>"/\\|?*\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s-]+/, '')
    .replace(/[.\s]+$/, '');
  while (new TextEncoder().encode(stem).length > MAX_BYTES) stem = Array.from(stem).slice(0, -1).join('');
  stem = stem.replace(/[.\s]+$/, '');
  if (!stem) return fallback;
  return RESERVED.test(stem) ? `${stem}_` : stem;
}

export function safeFileName(title: string, extension: string, fallback?: string): string {
  return `${safeFileStem(title, fallback)}.${extension}`;
}
