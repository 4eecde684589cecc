import { isChapterHeading, isSeparatorLine } from '../structure-lines.ts';

// Structure lines of prose beyond the shared English ones: chapter headings as novels in other
// languages print them ("Kapitel 2", "Chapitre premier", "Глава 3", "第2章", a bare "IV."), and the
// scene breaks fan fiction types ("oOoOoOo", "xXx", "~oOo~").

/** "Chapter" in the languages books are most often produced in, and "Part"/"Book" beside it. */
const WORD =
  'kapitel|teil|buch|chapitre|partie|livre|cap[ií]tulo|parte|libro|capitolo|hoofdstuk|deel|boek|rozdzia[łl]|cz[eę][sś][cć]|kapitola|[čc][áa]st|kapittel|luku|b[öo]l[üu]m|fejezet|глава|часть|книга|розділ|частина';
/** Numbers as headings spell them: digits, roman numerals, and the first few number words. */
const NUMBER =
  '\\d+|[ivxlcdm]+|' +
  'eins|zwei|drei|vier|f[üu]nf|sechs|sieben|acht|neun|zehn|erstes|zweites|drittes|' +
  'un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|premier|premi[èe]re|deuxi[èe]me|' +
  'uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|primero|primera|segundo|segunda|' +
  'due|tre|quattro|sei|sette|otto|nove|dieci|primo|prima|secondo|seconda|' +
  'een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|' +
  'первая|вторая|третья|четв[её]ртая|пятая|первый|второй|третий|один|два|три';
/** Ordinals that come before the word ("Erstes Kapitel", "Premier chapitre"), digits too ("1. Kapitel"). */
const NUMBER_FIRST = '\\d+\\.?|erstes|zweites|drittes|viertes|premier|premi[èe]re|deuxi[èe]me|troisi[èe]me';
/** The heading word then a number, or a number then the word, and an optional title. */
const FOREIGN_HEADING = new RegExp(
  `^\\s*(?:(?:${WORD})\\s+(${NUMBER})|(?:${NUMBER_FIRST})\\s+(?:${WORD}))(?![\\p{L}\\p{N}])(?:\\s*[:.\\-–—]?\\s*.{0,80})?$`,
  'iu',
);
/** Chinese and Japanese: 第2章, 第十二回, 第一部. */
const CJK_HEADING = /^\s*第[0-9０-９一二三四五六七八九十百千零〇]+[章回節节部話话卷篇](?:\s*.{0,40})?$/u;
/** A roman numeral alone, as many novels head their chapters ("IV", "XII."). */
const ROMAN_ALONE = /^\s*[IVXLC]+\.?\s*$/;
/** English tens the shared list lacks ("Chapter Thirty-One"). */
const ENGLISH_TENS =
  /^\s*(?:chapter|part|book)\s+(?:thirty|forty|fifty|sixty|seventy|eighty|ninety|(?:one\s+)?hundred)(?![\p{L}])(?:[\s\-:.–—].{0,80})?$/iu;

export function isProseChapterHeading(line: string): boolean {
  if (line.length > 120) return false;
  return (
    isChapterHeading(line) ||
    isForeignHeading(line) ||
    CJK_HEADING.test(line) ||
    ROMAN_ALONE.test(line) ||
    ENGLISH_TENS.test(line)
  );
}

/** A roman numeral after the word is in capitals: "Parte di lui" is no heading, "Parte II" is. */
function isForeignHeading(line: string): boolean {
  const m = FOREIGN_HEADING.exec(line);
  if (!m) return false;
  const number = m[1];
  return number === undefined || !/^[ivxlcdm]+$/i.test(number) || number === number.toUpperCase();
}

const FANFIC_RULE = /^[\s~\-=*_.+•·#oO0xX]+$/;

/**
 * "oOoOoOo", "xXxXx", "~oOo~": o/O/0 or x/X alternating in case. At least two changes of case, so
 * "Ooo" (a sigh) and "XOXO", "xxx" (kisses) stay words.
 */
function isFanficRule(line: string): boolean {
  if (!FANFIC_RULE.test(line)) return false;
  const letters = line.replace(/[^oO0xX]/g, '');
  if (letters.length < 3 || /[oO0]/.test(letters) === /[xX]/.test(letters)) return false;
  let changes = 0;
  for (let i = 1; i < letters.length; i++) if (isUpper(letters[i]!) !== isUpper(letters[i - 1]!)) changes++;
  return changes >= 2;
}

/** The digit zero counts as a capital O ("o0o"). */
function isUpper(ch: string): boolean {
  return ch === 'O' || ch === 'X' || ch === '0';
}

export function isProseSeparator(line: string): boolean {
  return isSeparatorLine(line) || isFanficRule(line);
}

export function isProseStructureLine(line: string): boolean {
  return isProseSeparator(line) || isProseChapterHeading(line);
}
