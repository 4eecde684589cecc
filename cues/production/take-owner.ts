// Whose take file is it? A drama's take files are named after their character ("edith.wav",
// "MARK takes 1.wav", "Ben/session-a.wav", "poet_day2.flac", "MaryJane-01.wav"): the name is a
// whole word of the file's path under the takes folder, never a piece of a longer word
// ("Benchmark-roomtone.wav" is nobody's, though it holds "mark").

/**
 * The words of a name or path, lower case: split at anything that is not a letter or digit
 * (separators _ - . space and the path's slashes), at a small letter followed by a capital
 * (camelCase: "MaryJane" -> mary, jane) and between letters and digits ("edith2" -> edith, 2).
 * Accents are kept ("séance").
 */
export function nameWords(text: string): string[] {
  return text
    .normalize('NFC')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{L})(?=\p{N})/gu, '$1 ')
    .replace(/(\p{N})(?=\p{L})/gu, '$1 ')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/** Whether `words` holds `name` (its words in a row). */
function holds(words: string[], name: string[]): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i + name.length <= words.length; i++)
    if (name.every((w, k) => words[i + k] === w)) return true;
  return false;
}

/**
 * The character a take file belongs to: the one whose name is whole words of `relativePath`
 * (the file's path under the takes folder, folders included), case-insensitive; of several, the
 * name of most words, then the longest. Undefined when none is.
 */
export function takeOwner(relativePath: string, speakers: string[]): string | undefined {
  return namedIn(relativePath, speakers)[0]?.s;
}

/** The characters whose names are whole words of `relativePath`, most name words first. */
function namedIn(relativePath: string, speakers: string[]): Array<{ s: string; name: string[] }> {
  const words = nameWords(relativePath);
  return (
    speakers
      .map((s) => ({ s, name: nameWords(s) }))
      // A name of several words is also found written as one ("maryjane").
      .filter(({ name }) => holds(words, name) || (name.length > 1 && words.includes(name.join(''))))
      .sort((a, b) => b.name.length - a.name.length || b.name.join('').length - a.name.join('').length)
  );
}

/**
 * The characters a file names equally (as many name words each: "Nora and Martin.wav"), when
 * more than one: whose it is cannot be told. Empty otherwise ("Mary Jane.wav" is Mary Jane's,
 * not Mary's or Jane's).
 */
export function rivalOwners(relativePath: string, speakers: string[]): string[] {
  const named = namedIn(relativePath, speakers);
  const top = named.filter((n) => n.name.length === named[0]?.name.length);
  return top.length > 1 ? top.map((n) => n.s) : [];
}
