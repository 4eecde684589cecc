// Cue edits as pure functions (sheet in, new sheet out) plus the history that makes them undoable.

export * from './bed-edits.ts';
export * from './chapter-edits.ts';
export * from './cue-timing.ts';
export { EditError } from './edit-error.ts';
export * from './edit-history.ts';
export * from './review.ts';
export * from './selection-after.ts';
export * from './split-merge.ts';
export * from './sung-passages.ts';
export * from './sung-sections.ts';
