// Verbs that tag a speech ("…," said Alice), in English and in the languages whose novels are most
// often produced here, and the pronouns that stand for a speaker beside them ("fragte er", "dit-il").
// Past and present forms; the list is for attribution, so a missing verb costs a speaker, not text.

const ENGLISH =
  'said|says|say|asked|asks|ask|replied|replies|whispered|whispers|shouted|shouts|yelled|yells|murmured|murmurs|muttered|mutters|answered|answers|called|cried|screamed|added|continued|sighed|laughed|snapped|breathed|told|exclaimed|demanded|pleaded|begged|admitted|insisted|explained|growled|hissed|sobbed|whimpered|stammered|declared|responded|retorted|teased|joked|offered|suggested|agreed|protested|warned|wondered|mumbled|spoke|returned|remarked|observed|repeated|interrupted|thought|saying|asking|replying|whispering|calling|telling';
const GERMAN =
  'sagte|sagt|fragte|fragt|rief|ruft|antwortete|antwortet|flüsterte|flüstert|murmelte|meinte|erwiderte|entgegnete|schrie|brüllte|seufzte|lachte|fuhr|fügte|sprach|erklärte|wisperte|stammelte';
const FRENCH =
  "dit|demanda|demande|répondit|répond|cria|crie|murmura|murmure|chuchota|ajouta|reprit|lança|souffla|s['’]écria|soupira|rétorqua|déclara|hurla|expliqua|poursuivit|continua|interrogea|insista|répliqua";
const SPANISH_ITALIAN_PORTUGUESE_DUTCH =
  'dijo|preguntó|respondió|contestó|gritó|susurró|murmuró|exclamó|añadió|replicó|disse|chiese|rispose|gridò|esclamò|sussurrò|mormorò|aggiunse|domandò|perguntou|respondeu|gritou|zei|vroeg|antwoordde|riep|fluisterde';

/** Alternation of every speech verb (lower case, as they follow a quote). */
export const SPEECH_VERB = `${ENGLISH}|${GERMAN}|${FRENCH}|${SPANISH_ITALIAN_PORTUGUESE_DUTCH}`;

/** Third-person pronouns of other languages beside a speech verb, and the gender they name. */
export const FOREIGN_PRONOUN_GENDER: Readonly<Record<string, 'male' | 'female'>> = {
  er: 'male',
  sie: 'female',
  il: 'male',
  elle: 'female',
  él: 'male',
  ella: 'female',
  lui: 'male',
  lei: 'female',
  hij: 'male',
  zij: 'female',
  ele: 'male',
  ela: 'female',
};

/** The same pronouns as a pattern, capitalised or not ("Sie fragte", "fragte sie"). */
export const FOREIGN_PRONOUN = Object.keys(FOREIGN_PRONOUN_GENDER)
  .map((p) => `[${p[0]!.toUpperCase()}${p[0]}]${p.slice(1)}`)
  .join('|');
