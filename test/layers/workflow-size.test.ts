/**
 * A process a newcomer can read: no function in the rebuilt workflows longer than 150 lines, no file
 * longer than 400 (issue 13): anywhere in workflows/, the kit and every process's folder, new ones included.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const workflows = path.join(__dirname, '../../workflows');
const MAX_FUNCTION_LINES = 150;
const MAX_FILE_LINES = 400;

const filesIn = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? filesIn(path.join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [path.join(dir, e.name)]
        : [],
  );

/** Every function, method and arrow function of a source file, with the lines it spans. */
function functionLengths(file: string, text: string): { name: string; lines: number }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: { name: string; lines: number }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const named = (node as ts.FunctionLikeDeclaration).name;
      const name = named ? named.getText(source) : `(anonymous at line ${start + 1})`;
      found.push({ name: `${path.relative(workflows, file)}: ${name}`, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the workflows stay small', () => {
  const files = filesIn(workflows);

  it('measures what it should (a 151-line function is caught)', () => {
    const long = `function long() {\n${'  call();\n'.repeat(149)}}\n`;
    expect(functionLengths('long.ts', long)).toEqual([{ name: expect.stringContaining('long'), lines: 151 }]);
    expect(files.length).toBeGreaterThan(15);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
    const long = files
      .flatMap((file) => functionLengths(file, readFileSync(file, 'utf8')))
      .filter((f) => f.lines > MAX_FUNCTION_LINES);
    expect(long).toEqual([]);
  });

  it(`has no file over ${MAX_FILE_LINES} lines`, () => {
    const long = files
      .map((file) => ({
        file: path.relative(workflows, file),
        lines: readFileSync(file, 'utf8').split('\n').length,
      }))
      .filter((f) => f.lines > MAX_FILE_LINES);
    expect(long).toEqual([]);
  });
});
