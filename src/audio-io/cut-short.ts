import { resolve } from 'node:path';

// A truncated WAV (its header promises more audio than the file holds: a recorder that stopped,
// a copy cut off) is read as far as it goes, as ffmpeg and sox read it. So that no command hands
// back a shorter result without a word, the first time a file is found so it is said once, to
// whatever the process listens with (the CLI: a line on stderr).

let listener: ((line: string) => void) | undefined;
const said = new Set<string>();

/** Where "FILE: truncated WAV: …" lines go (the CLI sets stderr); none: not said. */
export function onCutShort(listen: ((line: string) => void) | undefined): void {
  listener = listen;
}

/** `path` is said to be cut short by its caller, in its own words: not said again here. */
export function cutShortSaid(path: string): void {
  said.add(resolve(path));
}

/** Says once per file that `path` is cut short (`what`: how much is missing). */
export function sayCutShort(path: string, what: string): void {
  const key = resolve(path);
  if (said.has(key)) return;
  said.add(key);
  listener?.(`${path}: ${what}: read as far as it goes`);
}
