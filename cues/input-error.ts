// Bad input is an expected outcome, not a bug: callers catch this type, name the file and exit 2.
export class InputError extends Error {
  override name = 'InputError';
}
