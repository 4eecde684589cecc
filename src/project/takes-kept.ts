import type { LineTakesEntry } from './takes-schema.ts';

/**
 * An assembled drama's takes as they may be saved after recordings were removed: each line keeps
 * the takes whose recording is still in the project (a file naming a recording it lacks does not
 * load), and its pick follows its take; a line whose picked take went is left without a pick and
 * flagged, so the drama says the line is missing instead of playing another take unasked.
 *
 * @param takes the project's `takes` (per dialogue cue), as loaded or as last saved
 * @param recordingIds ids of the project's recordings now
 * @returns the entries to save, in the same order (lines with no take left keep their entry)
 */
export function takesKept(takes: LineTakesEntry[], recordingIds: ReadonlySet<string>): LineTakesEntry[] {
  return takes.map((line) => {
    const kept = line.takes.filter((take) => recordingIds.has(take.recording));
    if (kept.length === line.takes.length) return line;
    const picked = line.pick === undefined ? undefined : line.takes[line.pick];
    const pick = picked ? kept.indexOf(picked) : -1;
    const { pick: _old, review: _review, ...rest } = line;
    if (pick >= 0) return { ...rest, takes: kept, pick, ...(line.review ? { review: line.review } : {}) };
    return {
      ...rest,
      takes: kept,
      ...(picked
        ? { review: 'its picked take was in a recording removed from the project' }
        : line.review
          ? { review: line.review }
          : {}),
    };
  });
}
