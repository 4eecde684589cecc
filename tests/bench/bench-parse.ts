import { readFileSync } from 'node:fs';
import { Fountain } from 'fountain-js';
import { parseScript } from '../../cues/parse-script.ts';
import { ATTRIBUTION_FIXTURES, scoreAttribution } from '../support/attribution-score.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { bestOf, row } from './measure.ts';

const MB = 1_000_000;

function toSize(unit: string, size: number, separator = '\n\n'): string {
  const parts: string[] = [];
  for (let n = 0, i = 1; n < size; i++) {
    const part = unit.replaceAll('{n}', String(i));
    parts.push(part);
    n += part.length + separator.length;
  }
  return parts.join(separator);
}

const SCREENPLAY_SCENE = `# Act {n}

INT. BUFFY'S BEDROOM - NIGHT

Buffy drags her feet to the vanity. The photos are still there.

BUFFY
(quietly)
He's gone. He's really gone.

SPIKE (V.O.)
Listen.
~You messed up and you lost a real good thing
~And now you're asking why

> CUT TO:`;

const RADIO_SCENE = `Chapter {n}

[SFX: a door creaks open]
NARRATOR: Buffy walked up to her room, dragging her feet from the hellish day that she had had.
BUFFY: I can't do this again. Not after everything.
SPIKE (softly): You can. You always could.
BUFFY: ♪ Crossing paths, I saw the past, realized how good it was ♪`;

/**
 * Parsing speed: 1 MB of each script format; Fountain also against fountain-js on the same text.
 * (fountain-js throws on a dialogue block that opens with a lyric line, so the scene has a line first.)
 */
export function benchParse(): void {
  console.log('\nScript import (1 MB each, best of 5)');
  const seed = readFileSync(SAMPLE_SEED, 'utf8').replace('Chapter 1', 'Chapter {n}');
  const inputs = {
    prose: toSize(seed, MB),
    drama: toSize(RADIO_SCENE, MB),
    fountain: toSize(SCREENPLAY_SCENE, MB),
  };
  for (const [format, text] of Object.entries(inputs)) {
    const { ms, result } = bestOf(5, () => parseScript(text));
    if (result.format !== format) throw new Error(`bench input for ${format} was read as ${result.format}`);
    row(
      `parse ${format} (${(text.length / MB).toFixed(2)} MB, ${result.cues.length} cues)`,
      `${ms.toFixed(0)} ms`,
      `${(text.length / MB / (ms / 1000)).toFixed(1)} MB/s`,
    );
  }
  // fountain-js slows down more than linearly (about 40 s for 1 MB here), so compare at 100 kB.
  const small = toSize(SCREENPLAY_SCENE, MB / 10);
  const ours = bestOf(3, () => parseScript(small, { format: 'fountain' })).ms;
  const reference = bestOf(3, () => new Fountain().parse(small, true)).ms;
  row('fountain 100 kB: ours', `${ours.toFixed(1)} ms`);
  row(
    'fountain 100 kB: fountain-js (reference)',
    `${reference.toFixed(1)} ms`,
    `ours ${(reference / ours).toFixed(0)}x faster`,
  );
  // Who says each quoted line, against public-domain chapters marked up by hand
  // (tests/fixtures/attribution): precision = right / attributed, recall = right / all speeches.
  console.log('\nProse speaker attribution (hand-marked public-domain chapters)');
  for (const fixture of ATTRIBUTION_FIXTURES) {
    const score = scoreAttribution(fixture);
    row(
      `${fixture} (${score.speeches} speeches)`,
      `precision ${score.precision.toFixed(2)}`,
      `recall ${score.recall.toFixed(2)}`,
    );
  }
}
