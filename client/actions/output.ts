/** With --json exactly one JSON document on stdout; otherwise lines for a person. */
export function emit(json: boolean | undefined, value: unknown, human: () => string[] | string): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  const text = human();
  process.stdout.write(`${Array.isArray(text) ? text.join('\n') : text}\n`);
}

/** The "Example:" block every command's --help ends with. */
export function example(...lines: string[]): string {
  return `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((line) => `  ${line}`).join('\n')}`;
}
