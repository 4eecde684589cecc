import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../cues/detect-format.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { SAMPLE_SEED } from '../support/paths.ts';

describe('format detection', () => {
  it('reads the seed as prose, NAME: scripts as drama and screenplays as Fountain', () => {
    expect(detectFormat(readFileSync(SAMPLE_SEED, 'utf8'))).toBe('prose');
    expect(detectFormat('ANYA: Hello.\nXANDER: Hi.\nANYA: Bye.\n')).toBe('drama');
    expect(detectFormat('EXT. CEMETERY - NIGHT\n\nMist.\n')).toBe('fountain');
    expect(detectFormat('Once upon a time: a story.\n\nThe end.\n')).toBe('prose');
  });

  it('can be overridden', () => {
    const text = 'ANYA: Hello.\nXANDER: Hi.\n';
    expect(parseScript(text, { format: 'prose' }).cues.map((c) => c.kind)).toEqual(['narration']);
    expect(parseScript(text).cues.map((c) => c.kind)).toEqual(['dialogue', 'dialogue']);
  });

  it('titles a script without title or heading after its file', () => {
    expect(parseScript('Some words.', { fileName: '/x/Night Shift.txt' }).title).toBe('Night Shift');
    expect(parseScript('Some words.').title).toBe('Untitled');
  });
});
