// The order of an actor's session files, which says which take is later (the last complete take
// is the pick): by name with numbers compared as numbers, the extension left out, so a first
// session comes before its retakes ("nora.wav" before "nora-2.wav"; with the extension in the
// comparison "-" sorts before "." and a tester's retakes lost to the first session's takes).

function withoutExtension(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') && dot > path.lastIndexOf('\\') ? path.slice(0, dot) : path;
}

/** Compares two session files' paths: negative when `a` was recorded first. */
export function sessionOrder(a: string, b: string): number {
  return (
    withoutExtension(a).localeCompare(withoutExtension(b), 'en', { numeric: true }) ||
    a.localeCompare(b, 'en', { numeric: true })
  );
}
