import type { ScriptFormat } from './cue-sheet.ts';
import { dramaSpeaker } from './readers/drama/read-drama.ts';
import { soundCueKind } from './readers/drama/sound-cues.ts';
import { isCharacterLine, SCENE_HEADING } from './readers/fountain/read-fountain.ts';
import { lineText, splitParagraphs } from './text/paragraphs.ts';

const FOUNTAIN_TITLE_PAGE = /^\s*(?:title|credit|author|draft date)\s*:/i;
const FOUNTAIN_EXTENSIONS = /\.(?:fountain|spmd)$/i;
/** Fountain's transitions ("CUT TO:") and forced elements: evidence no radio layout gives. */
const FOUNTAIN_MARK = /^\s*(?:[\p{Lu}\s]+TO:\s*$|>[^<]*$|@\S)/u;

/**
 * Picks the reader from the content (the file name only breaks a tie for `.fountain`) by weighing
 * the evidence of each layout, since both write INT./EXT. scene headings:
 * - radio drama (BBC Writersroom layouts): speeches on the name's own line (`NAME: line`,
 *   `NAME<TAB>line`), sound and music cue lines (`SFX:`, `[MUSIC: …]`, `GRAMS<TAB>…`);
 * - Fountain (fountain.io): a capitals name alone with its dialogue on the next line, transitions,
 *   forced elements, a `Title:` page.
 * Scene headings alone (no speech of either kind) say Fountain; `NAME:` speeches alone drama; else prose.
 */
export function detectFormat(text: string, fileName?: string): ScriptFormat {
  if (fileName && FOUNTAIN_EXTENSIONS.test(fileName)) return 'fountain';
  const paragraphs = splitParagraphs(text.length > 200_000 ? text.slice(0, 200_000) : text);
  let speeches = 0;
  let soundCues = 0;
  let characterCues = 0;
  let fountainMarks = 0;
  let sceneHeadings = 0;
  for (const paragraph of paragraphs) {
    const first = lineText(text, paragraph.lines[0]!);
    for (const line of paragraph.lines) {
      const body = lineText(text, line);
      if (soundCueKind(body)) soundCues++;
      else if (dramaSpeaker(body)) speeches++;
      else if (FOUNTAIN_MARK.test(body)) fountainMarks++;
    }
    if (paragraph.lines.length === 1 && SCENE_HEADING.test(first) && !/^\s*\./.test(first)) sceneHeadings++;
    if (paragraph.lines.length > 1 && isCharacterLine(first) && !dramaSpeaker(first)) characterCues++;
  }
  const fountainTitlePage =
    paragraphs[0] !== undefined && FOUNTAIN_TITLE_PAGE.test(lineText(text, paragraphs[0].lines[0]!));
  const radio = speeches + soundCues;
  const screenplay = characterCues + fountainMarks;
  if (radio > screenplay && (soundCues > 0 || speeches >= 2)) {
    // A drama cue somewhere in a novel is no drama: speeches must be a fair share of it.
    if (soundCues > 0 || sceneHeadings > 0 || speeches >= paragraphs.length * 0.3) return 'drama';
  }
  if (sceneHeadings > 0 || (fountainTitlePage && characterCues > 0) || characterCues >= 3) return 'fountain';
  return 'prose';
}
