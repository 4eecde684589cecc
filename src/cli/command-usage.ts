// `cuewright COMMAND --help` prints that command's own lines of the usage (every form of it, e.g.
// export's three), not the whole list of commands.

/** The usage blocks of `command` (its line and the indented lines under it) with the options, or undefined. */
export function commandUsage(usage: string, command: string): string | undefined {
  const lines = usage.split('\n');
  const blocks: string[] = [];
  let inside = false;
  for (const line of lines) {
    if (/^ {2}\S/.test(line)) inside = line.startsWith(`  ${command} `) || line === `  ${command}`;
    else if (!/^ {3,}\S/.test(line)) inside = false;
    if (inside) blocks.push(line);
  }
  if (blocks.length === 0) return undefined;
  const options = usage.slice(usage.indexOf('\noptions:') + 1);
  return `usage: cuewright ${command} …\n\n${blocks.join('\n')}\n\n${options}`;
}
