import type { Decoder, SoundSwallowerModule } from 'soundswallower';
import type { Fsg } from '../../../audio/align/acoustic/take-fsg.ts';

// A grammar given to the recogniser arc by arc (audio/align/acoustic/take-fsg.ts), through the
// fsg_model functions soundswallower's WebAssembly build exports (the calls its own create_fsg
// made): fsg_model_init, fsg_model_word_add, fsg_model_trans_add, fsg_model_null_trans_add,
// fsg_set_states, then decoder_set_fsg, which takes the model over.

/** The exported C functions used here (pointers are numbers into the module's heap). */
interface FsgExports {
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  HEAPU8: Uint8Array;
  _decoder_logmath(decoder: number): number;
  _fsg_model_init(name: number, logmath: number, lw: number, states: number): number;
  _fsg_model_word_add(fsg: number, word: number): number;
  _fsg_model_trans_add(fsg: number, from: number, to: number, logp: number, wid: number): void;
  _fsg_model_null_trans_add(fsg: number, from: number, to: number, logp: number): number;
  _fsg_set_states(fsg: number, start: number, final: number): void;
  _logmath_log(logmath: number, p: number): number;
  _decoder_set_fsg(decoder: number, fsg: number): number;
}

/** `text` as a NUL-terminated UTF-8 string in the module's heap; the caller frees it. */
function cString(m: FsgExports, text: string): number {
  const bytes = new TextEncoder().encode(text);
  const pointer = m._malloc(bytes.length + 1);
  m.HEAPU8.set(bytes, pointer);
  m.HEAPU8[pointer + bytes.length] = 0;
  return pointer;
}

/**
 * Makes `fsg` the grammar `decoder` searches (each arc's probability as its log in the decoder's
 * logmath, as jsgf_build_fsg weighs JSGF). Every word must be in the decoder's dictionary. Throws when the
 * decoder refuses the grammar.
 */
export function setFsgGrammar(module: SoundSwallowerModule, decoder: Decoder, fsg: Fsg): void {
  const m = module as unknown as FsgExports;
  const cdecoder = (decoder as unknown as { cdecoder: number }).cdecoder;
  const name = cString(m, 'takes');
  const logmath = m._decoder_logmath(cdecoder);
  const model = m._fsg_model_init(name, logmath, Number(decoder.get_config('lw')), fsg.states);
  m._free(name);
  m._fsg_set_states(model, fsg.start, fsg.final);
  const ids = new Map<string, number>();
  for (const arc of fsg.arcs) {
    if (arc.word === undefined) {
      m._fsg_model_null_trans_add(
        model,
        arc.from,
        arc.to,
        arc.p === undefined ? 0 : m._logmath_log(logmath, arc.p),
      );
      continue;
    }
    let wid = ids.get(arc.word);
    if (wid === undefined) {
      const word = cString(m, arc.word);
      wid = m._fsg_model_word_add(model, word);
      m._free(word);
      ids.set(arc.word, wid);
    }
    m._fsg_model_trans_add(
      model,
      arc.from,
      arc.to,
      arc.p === undefined ? 0 : m._logmath_log(logmath, arc.p),
      wid,
    );
  }
  if (m._decoder_set_fsg(cdecoder, model) < 0) throw new Error('the recogniser refused the take grammar');
}
