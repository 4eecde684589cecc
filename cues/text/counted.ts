/**
 * A count and its noun, singular for exactly one: `counted(1, 'problem')` is "1 problem",
 * `counted(3, 'take file')` "3 take files" (`many` for a plural not made by adding "s").
 */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
