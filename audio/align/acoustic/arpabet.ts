// eSpeak NG's phoneme mnemonics (as `espeak-ng -x --sep=_` writes them, English voices) → the
// ARPAbet phones of the CMU dictionary that the acoustic model was trained with. Words missing
// from the dictionary (names, archaic forms, numbers) get their pronunciation this way: eSpeak's
// letter-to-sound rules are the grapheme-to-phoneme step the recogniser lacks.

const PHONES = new Map<string, string>(
  Object.entries({
    // consonants
    p: 'P',
    b: 'B',
    t: 'T',
    d: 'D',
    k: 'K',
    g: 'G',
    f: 'F',
    v: 'V',
    T: 'TH',
    D: 'DH',
    s: 'S',
    z: 'Z',
    S: 'SH',
    Z: 'ZH',
    h: 'HH',
    m: 'M',
    n: 'N',
    N: 'NG',
    l: 'L',
    r: 'R',
    w: 'W',
    j: 'Y',
    tS: 'CH',
    dZ: 'JH',
    't#': 'T',
    'n-': 'AH N',
    'l-': 'AH L',
    'm-': 'AH M',
    x: 'K',
    // vowels
    a: 'AE',
    'a#': 'AH',
    A: 'AA',
    'A:': 'AA',
    'A@': 'AA R',
    aI: 'AY',
    aU: 'AW',
    e: 'EH',
    E: 'EH',
    'e@': 'EH R',
    eI: 'EY',
    '@': 'AH',
    '@L': 'AH L',
    '@2': 'AH',
    '@5': 'AH',
    '3': 'ER',
    '3:': 'ER',
    I: 'IH',
    i: 'IY',
    'i:': 'IY',
    'i@': 'IY R',
    'i@3': 'IY R',
    I2: 'IH',
    'I#': 'IH',
    '0': 'AA',
    O: 'AO',
    'O:': 'AO',
    'O@': 'AO R',
    'o@': 'AO R',
    oU: 'OW',
    OI: 'OY',
    U: 'UH',
    'u:': 'UW',
    'U@': 'UH R',
    V: 'AH',
    'aI@': 'AY ER',
    'aU@': 'AW ER',
    aI3: 'AY ER',
    aU3: 'AW ER',
  }),
);

/** Stress, syllable and tie marks that carry no phone of their own. */
const MARKS = /[',%=;|!?]/g;

/**
 * ARPAbet phones (space-separated, e.g. "B Y UW T IY Z") for eSpeak phoneme mnemonics separated by
 * `_` or spaces (e.g. "b_j_'u:_t#_i_z"). Unknown mnemonics are dropped, after trying them without
 * a length or variant mark; an empty string when nothing maps.
 */
export function espeakToArpabet(mnemonics: string): string {
  const out: string[] = [];
  for (const token of mnemonics.split(/[_\s]+/)) {
    const bare = token.replace(MARKS, '');
    if (bare === '') continue;
    const phone = PHONES.get(bare) ?? PHONES.get(bare.replace(/[:#]$/, ''));
    if (phone !== undefined) out.push(phone);
  }
  return out.join(' ');
}
