import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve('src');
/** Pipeline order: a folder imports only folders before it (AGENTS.md). */
const ORDER = [
  'ingest',
  'facts',
  'prompting',
  'model',
  'check',
  'render',
  'pipeline',
  'batch',
  'review',
  'cli',
];

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });

const importsOf = (text: string): string[] => {
  const specifiers: string[] = [];
  for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)) {
    if (match[1]) specifiers.push(match[1]);
  }
  return specifiers;
};

const stageOf = (file: string): string => relative(SRC, file).split('/')[0] ?? '';

const files = sourceFiles(SRC).map((file) => ({ file, text: readFileSync(file, 'utf8') }));

describe('import rules', () => {
  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('a stage imports only earlier stages', () => {
    const violations: string[] = [];
    for (const { file, text } of files) {
      const stage = stageOf(file);
      const rank = ORDER.indexOf(stage);
      for (const specifier of importsOf(text)) {
        if (!specifier.startsWith('.')) continue;
        const target = resolve(dirname(file), specifier);
        const targetStage = stageOf(target);
        if (target.endsWith('errors.js') && dirname(target) === SRC) continue;
        const targetRank = ORDER.indexOf(targetStage);
        if (targetStage === stage) continue;
        if (rank === -1 || targetRank === -1 || targetRank > rank) {
          violations.push(`${relative(SRC, file)} imports ${specifier}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('only model/ imports ollama and only render/ imports marked', () => {
    const violations: string[] = [];
    for (const { file, text } of files) {
      const stage = stageOf(file);
      for (const specifier of importsOf(text)) {
        if ((specifier === 'ollama' || specifier.startsWith('ollama/')) && stage !== 'model') {
          violations.push(`${relative(SRC, file)} imports ollama`);
        }
        if (specifier === 'marked' && stage !== 'render')
          violations.push(`${relative(SRC, file)} imports marked`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('only cli/ touches argv, env, exit codes and the console', () => {
    const violations: string[] = [];
    for (const { file, text } of files) {
      if (stageOf(file) === 'cli') continue;
      const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const pattern of [/process\.argv/, /process\.env/, /process\.exit/, /\bconsole\./]) {
        if (pattern.test(code)) violations.push(`${relative(SRC, file)} uses ${pattern.source}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('--help loads no heavy library: main.ts reaches ollama, marked, yaml and zod only through dynamic imports', () => {
    const staticImports = (text: string): string[] =>
      [...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+['"]([^'"]+)['"]/gm)].flatMap((match) =>
        match[1] ? [match[1]] : [],
      );
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const specifier of staticImports(readFileSync(file, 'utf8'))) {
        if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier).replace(/\.js$/, '.ts'));
        else packages.add(specifier.split('/')[0] ?? specifier);
      }
    };
    visit(join(SRC, 'cli', 'main.ts'));
    expect([...packages].filter((name) => ['ollama', 'marked', 'yaml', 'zod'].includes(name))).toEqual([]);
    expect(seen.size).toBeGreaterThan(3);
  });
});
