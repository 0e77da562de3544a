/**
 * Text for a terminal with its control characters shown as \xNN (tabs and line breaks kept): ESC starts the
 * sequences that repaint a terminal, so a name or title stored before input was checked could make a refusal
 * look like a receipt.
 */
export function terminalSafe(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** With --json exactly one JSON document on stdout; otherwise lines for a person. */
export function emit(json: boolean | undefined, value: unknown, human: () => string[] | string): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  const text = human();
  process.stdout.write(`${terminalSafe(Array.isArray(text) ? text.join('\n') : text)}\n`);
}

/** The "Example:" block every command's --help ends with. */
export function example(...lines: string[]): string {
  return `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((line) => `  ${line}`).join('\n')}`;
}
