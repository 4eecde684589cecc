// Functions for the hang guard's own test: one that answers, one that refuses, one that hangs.
import { InputError } from '../../cues/input-error.ts';

export function echo<T>(value: T): T {
  return value;
}

export function refuse(message: string): never {
  throw new InputError(message);
}

export function forever(): never {
  for (;;) {
    // A runaway loop, as a length field read wrong would make.
  }
}
