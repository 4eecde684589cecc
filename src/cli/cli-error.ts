import { InputError } from '../../cues/input-error.ts';

/** A command line the CLI cannot act on (unknown command, missing argument): exit 2 like bad input. */
export class UsageError extends InputError {
  override name = 'UsageError';
}
