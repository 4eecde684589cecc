// The cues layer: pure script → cue-sheet logic (no DOM, no Node, no Electron).
export * from './cue-sheet.ts';
export { detectFormat } from './detect-format.ts';
export { InputError } from './input-error.ts';
export { type ParseOptions, parseScript } from './parse-script.ts';
export { readCueSheet } from './read-cue-sheet.ts';
