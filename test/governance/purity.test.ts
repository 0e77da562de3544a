import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// governance/ is imported by workflow code inside Temporal's deterministic sandbox.
const root = join(__dirname, '../../governance');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) =>
    statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : [],
  );

const FORBIDDEN: [RegExp, string][] = [
  [/from ['"]@temporalio\//, 'a Temporal import'],
  [/from ['"](node:|fs|path|os|crypto|child_process)['"/]/, 'a Node built-in'],
  [/require\(/, 'require()'],
  [/Date\.now\(/, 'Date.now()'],
  [/new Date\(\s*\)/, 'new Date() without arguments'],
  [/Math\.random/, 'Math.random'],
  [/\bIntl\./, 'Intl'],
  [/toLocale\w*\(/, 'locale-dependent formatting'],
  [/process\./, 'process'],
];

describe('governance/ stays pure and deterministic', () => {
  const all = files(root);
  it('has source files', () => expect(all.length).toBeGreaterThan(8));
  for (const file of all) {
    it(relative(root, file), () => {
      const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      const found = FORBIDDEN.filter(([re]) => re.test(text)).map(([, what]) => what);
      expect(found).toEqual([]);
    });
  }
});
