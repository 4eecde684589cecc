import type { ScriptFormat } from './cue-sheet.ts';
import { isSpeakerName, SPEECH_LINE } from './readers/drama/read-drama.ts';
import { isCharacterLine, SCENE_HEADING } from './readers/fountain/read-fountain.ts';
import { lineText, splitParagraphs } from './text/paragraphs.ts';

const FOUNTAIN_TITLE_PAGE = /^\s*(?:title|credit|author|draft date)\s*:/i;
const BRACKET_CUE = /^\s*\[\s*(?:sfx|sound|fx|music)\s*:/im;
/** A broadcaster's bare sound cue ("SFX: Door slams.", "12. GRAMS: theme"), in capitals as they write it. */
const BARE_SOUND_CUE = /^[ \t]*(?:\d{1,4}\.?[ \t]+)?(?:SFX|FX|F\/X|GRAMS|MUSIC|ATMOS)[ \t]*:/m;
const FOUNTAIN_EXTENSIONS = /\.(?:fountain|spmd)$/i;

/**
 * Picks the reader from the content (the file name only breaks a tie for `.fountain`):
 * screenplay elements → Fountain, `NAME: line` speeches or [SFX:] cues → drama, else prose.
 */
export function detectFormat(text: string, fileName?: string): ScriptFormat {
  if (fileName && FOUNTAIN_EXTENSIONS.test(fileName)) return 'fountain';
  const paragraphs = splitParagraphs(text.length > 200_000 ? text.slice(0, 200_000) : text);
  let speeches = 0;
  let characterCues = 0;
  let sceneHeadings = 0;
  for (const paragraph of paragraphs) {
    const first = lineText(text, paragraph.lines[0]!);
    for (const line of paragraph.lines) {
      const speech = SPEECH_LINE.exec(lineText(text, line));
      if (speech && isSpeakerName(speech[1]!)) speeches++;
    }
    if (paragraph.lines.length === 1 && SCENE_HEADING.test(first) && !/^\s*\./.test(first)) sceneHeadings++;
    if (paragraph.lines.length > 1 && isCharacterLine(first)) characterCues++;
  }
  const fountainTitlePage =
    paragraphs[0] !== undefined && FOUNTAIN_TITLE_PAGE.test(lineText(text, paragraphs[0].lines[0]!));
  if (sceneHeadings > 0 || (fountainTitlePage && characterCues > 0) || characterCues >= 3) return 'fountain';
  if (
    BRACKET_CUE.test(text) ||
    BARE_SOUND_CUE.test(text) ||
    (speeches >= 2 && speeches >= paragraphs.length * 0.3)
  )
    return 'drama';
  return 'prose';
}
