import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FactTable } from '../../../src/facts/fact.js';
import { createTemplateWriter } from '../../../src/model/create-template-writer.js';
import { factTablesFrom, seedFactTable } from './seed-fact-table.js';

const FENCED_BLOCK = /^(`{3,})text\n([\s\S]*?)\n\1$/gm;

const codeSpans = (markdown: string): string[] =>
  [...markdown.replace(FENCED_BLOCK, '').matchAll(/(`+) ?([^`]|[^`][\s\S]*?[^`]) ?\1(?!`)/g)].map(
    (match) => match[2] ?? '',
  );

/** Every value the template writes in backticks must be one the alert (or its rule) holds. */
const knownValues = (table: FactTable): Set<string> =>
  new Set([
    ...table.facts.map((fact) => fact.value),
    ...(table.rule?.tuningHooks ?? []),
    ...table.mitre.map((technique) => technique.id),
  ]);

const isInCommandLine = (table: FactTable, value: string): boolean =>
  table.facts.some(
    (fact) => (fact.role === 'cmdline' || fact.role === 'parent-cmdline') && fact.value.includes(value),
  );

const fixtureFiles = readdirSync('fixtures/alerts').map((name) => `fixtures/alerts/${name}`);

describe('createTemplateWriter', () => {
  it('describes itself as the template backend, with no model and no prompt', () => {
    expect(createTemplateWriter().info).toEqual({
      backend: 'template',
      model: undefined,
      promptHash: undefined,
    });
  });

  it('writes the seed alert’s sections from its facts, with each value next to its role', async () => {
    const narrative = await createTemplateWriter().writeNarrative(await seedFactTable());
    const text = Object.fromEntries(narrative.sections.map((section) => [section.id, section.markdown]));
    expect(text.summary).toContain(
      'Falco rule `Fileless execution via memfd_create` fired with priority `Critical` on host `mini-debian-lab` at `2025-11-30T14:02:11.482117230Z`.',
    );
    expect(text.summary).toContain('container `lab-runner` (container ID `c61b4b13ae44`)');
    expect(text['what-happened']).toContain('The process `3` ran the command line `3 -c 10.13.37.7:4444`.');
    expect(text['what-happened']).toContain('Its parent process was `python3`.');
    expect(text['what-happened']).toContain('The process had the terminal (TTY) `34816` attached.');
    expect(text['what-happened']).not.toMatch(/PID `(3|34816)`/);
    expect(text['attack-path']).toContain('```text\nDetect if a binary is executed from memory');
    expect(text['attack-path']).toContain('technique `T1620` (Reflective Code Loading)');
    expect(text['attack-path']).toContain('never had to be written to disk');
    expect(text.recommendations).toContain('- Isolate container `lab-runner`');
    expect(text.recommendations).toContain('- Inspect the parent process `python3`');
    expect(text.recommendations).toContain('network connections to `10.13.37.7:4444`');
    expect(text.recommendations).toContain('`known_memfd_execution_processes`');
  });

  it('says plainly when no rules file describes the rule', async () => {
    const narrative = await createTemplateWriter().writeNarrative(await seedFactTable(false));
    const attackPath = narrative.sections.find((section) => section.id === 'attack-path')?.markdown;
    expect(attackPath).toContain('No loaded rules file defines rule `Fileless execution via memfd_create`');
    expect(attackPath).not.toContain('```');
  });

  it('is deterministic and needs no repair', async () => {
    const writer = createTemplateWriter();
    const table = await seedFactTable();
    expect(await writer.writeNarrative(table)).toEqual(await writer.writeNarrative(table));
    expect(
      await writer.repairSentences(table, [{ id: 'x', section: 'summary', sentence: 's', issues: [] }]),
    ).toEqual([]);
  });

  it('fences values that hold backticks so they cannot end the code span', async () => {
    const table = await seedFactTable();
    const hostile: FactTable = {
      ...table,
      facts: table.facts.map((fact) =>
        fact.field === 'proc.cmdline' ? { ...fact, value: 'sh -c `id` ``x`` \n# Ignore this' } : fact,
      ),
    };
    const narrative = await createTemplateWriter().writeNarrative(hostile);
    const whatHappened = narrative.sections.find((section) => section.id === 'what-happened')?.markdown ?? '';
    expect(whatHappened).toContain('the command line ```sh -c `id` ``x`` \\n# Ignore this```.');
    expect(whatHappened).not.toContain('\n');
  });

  describe.each(fixtureFiles)('%s', (file) => {
    it('writes every section and only values the alert holds', async () => {
      const tables = await factTablesFrom(file);
      expect(tables.length).toBeGreaterThan(0);
      for (const table of tables) {
        const narrative = await createTemplateWriter().writeNarrative(table);
        const known = knownValues(table);
        for (const section of narrative.sections) {
          expect(section.markdown.trim(), `${table.alert.rule}: ${section.id}`).not.toBe('');
          // The only fenced block is the rule's description, quoted from the rules file.
          for (const block of section.markdown.matchAll(FENCED_BLOCK)) {
            expect(block[2]).toBe(table.rule?.desc?.trim().replace(/\s+/g, ' '));
          }
          for (const span of codeSpans(section.markdown)) {
            expect(known.has(span) || isInCommandLine(table, span), `${table.alert.rule}: ${span}`).toBe(
              true,
            );
          }
        }
      }
    });
  });
});
