import { readFileSync } from 'node:fs';
import { parseScript } from '../../cues/parse-script.ts';
import { REPO } from './paths.ts';

// Scores the prose reader's speaker attribution against chapters marked up by hand
// (tests/fixtures/attribution/README.md): precision = right / attributed, recall = right / all.
// A gold speaker may list the names one person goes by, separated by "|".

export const ATTRIBUTION_FIXTURES = [
  'pride-and-prejudice-ch1-2',
  'alice-tea-party-opening',
  'pride-and-prejudice-ch3',
  'sense-and-sensibility-ch2',
] as const;

export interface AttributionScore {
  fixture: string;
  speeches: number;
  attributed: number;
  right: number;
  precision: number;
  recall: number;
  /** Speeches whose speaker was wrong or missing: "expected / got: first words". */
  misses: string[];
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

export function scoreAttribution(fixture: string): AttributionScore {
  const dir = `${REPO}tests/fixtures/attribution/`;
  const text = readFileSync(`${dir}${fixture}.txt`, 'utf8');
  const gold = readFileSync(`${dir}${fixture}.speakers.tsv`, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [speaker, words] = l.split('\t') as [string, string];
      return { speaker, words: squash(words) };
    });
  const dialogue = parseScript(text, { format: 'prose' }).cues.filter((c) => c.kind === 'dialogue');
  let at = 0;
  let speeches = 0;
  let attributed = 0;
  let right = 0;
  const misses: string[] = [];
  for (const { speaker, words } of gold) {
    const found = dialogue.findIndex((c, i) => i >= at && squash(c.text).startsWith(words));
    if (found >= 0) at = found + 1;
    if (speaker === '-') continue;
    speeches++;
    const got = found >= 0 ? dialogue[found]!.speaker : undefined;
    if (got !== undefined) attributed++;
    // "Fanny|Mrs. John Dashwood": any of the names the book gives that person is right.
    if (got !== undefined && speaker.split('|').includes(got)) right++;
    else misses.push(`${speaker} / ${got ?? (found >= 0 ? 'none' : 'not read as dialogue')}: ${words}`);
  }
  return {
    fixture,
    speeches,
    attributed,
    right,
    precision: attributed === 0 ? 0 : right / attributed,
    recall: speeches === 0 ? 0 : right / speeches,
    misses,
  };
}
