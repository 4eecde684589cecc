import { InputError } from '../input-error.ts';

// Audacity label tracks (File > Export > Labels): "start<TAB>end<TAB>label" per line, seconds.
// Lines starting with "\" carry spectral frequency ranges and are skipped on import.

export interface Label {
  start: number;
  end: number;
  text: string;
}

export function writeAudacityLabels(labels: Label[]): string {
  return labels
    .map((l) => `${l.start.toFixed(6)}\t${l.end.toFixed(6)}\t${l.text.replace(/\s+/g, ' ').trim()}\n`)
    .join('');
}

export function readAudacityLabels(text: string): Label[] {
  const labels: Label[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('\\')) return;
    const [start, end, ...rest] = line.split('\t');
    const s = Number(start);
    const e = end === undefined || end.trim() === '' ? s : Number(end);
    if (!Number.isFinite(s) || !Number.isFinite(e) || s < 0 || e < s || start!.trim() === '') {
      throw new InputError(
        `line ${i + 1} is not an Audacity label ("start<TAB>end<TAB>text"): ${JSON.stringify(line.slice(0, 60))}`,
      );
    }
    labels.push({ start: s, end: e, text: rest.join('\t').trim() });
  });
  return labels;
}
