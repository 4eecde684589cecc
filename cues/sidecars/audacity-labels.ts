import { InputError } from '../input-error.ts';

// Audacity label tracks (File > Export > Labels): "start<TAB>end<TAB>label" per line, seconds.
// Read back in every form Audacity itself reads: a comma decimal mark (what it writes in a
// comma-decimal locale, "43352,824046"), the 1.x point-label form "start<TAB>label", a missing
// end or label, and "\" lines that carry spectral frequency ranges (skipped).

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

const NUMBER = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;

/** "43352,824046" or "1.5" → seconds; undefined for anything that is not a number. */
function seconds(field: string | undefined): number | undefined {
  const trimmed = field?.trim() ?? '';
  if (!NUMBER.test(trimmed)) return undefined;
  const value = Number(trimmed.replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}

/** Labels and warnings: an end before its start is read as a point label, a negative time as 0. */
export function parseAudacityLabels(text: string): { labels: Label[]; warnings: string[] } {
  const labels: Label[] = [];
  const warnings: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('\\')) return;
    // Tabs separate the fields; a file typed by hand may use spaces between the two times.
    const fields = line.includes('\t')
      ? line.split('\t')
      : (/^\s*(\S+)(?:\s+(\S+))?(?:\s+(.*))?$/.exec(line)?.slice(1) ?? []);
    let start = seconds(fields[0]);
    if (start === undefined)
      throw new InputError(
        `line ${i + 1} is not an Audacity label ("start<TAB>end<TAB>text"): ${JSON.stringify(line.slice(0, 60))}`,
      );
    const second = seconds(fields[1]);
    let end = second ?? start;
    // Audacity 1.x wrote point labels as "start<TAB>label": a second field that is not a number is the label.
    const tabbed = line.includes('\t');
    const label =
      second === undefined && !tabbed
        ? line.trim().slice(fields[0]!.length)
        : (second === undefined ? fields.slice(1) : fields.slice(2))
            .filter((f) => f !== undefined)
            .join(tabbed ? '\t' : ' ');
    if (start < 0) {
      warnings.push(`line ${i + 1}: start ${start} s is before the audio: read as 0`);
      end = Math.max(0, end);
      start = 0;
    }
    if (end < start) {
      warnings.push(`line ${i + 1}: end ${end} s is before start ${start} s: read as a point label`);
      end = start;
    }
    labels.push({ start, end, text: label.trim() });
  });
  return { labels, warnings };
}

export function readAudacityLabels(text: string): Label[] {
  return parseAudacityLabels(text).labels;
}
