import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildFactTable } from '../src/facts/build-fact-table.js';
import type { FactTable } from '../src/facts/fact.js';
import { loadRules } from '../src/facts/load-rules.js';
import type { RuleIndex } from '../src/facts/rule-index.js';
import { loadAlerts } from '../src/ingest/load-alerts.js';
import { templateNarrative } from '../src/model/create-template-writer.js';
import { SECTIONS } from '../src/model/narrative.js';
import { createAlertView, createRandom } from './checker-alert-view.js';
import { CORRUPTORS, type Corruption, ERROR_CLASSES, insertCorruption } from './checker-corruptions.js';
import { heldOutCorruption, heldOutTruthful } from './checker-held-out.js';
import { heldOutCorruptionRound2, heldOutTruthfulRound2 } from './checker-held-out-round-2.js';
import { heldOutCorruptionRound3, heldOutTruthfulRound3 } from './checker-held-out-round-3.js';
import { heldOutCorruptionRound4, heldOutTruthfulRound4 } from './checker-held-out-round-4.js';
import { truthfulParaphrase } from './checker-truthful-reports.js';

export interface LabelledReport {
  facts: FactTable;
  markdown: string;
  /** Where the truthful text came from: `template` or a paraphrase layout. */
  origin: string;
  corruption: Corruption | undefined;
  /** 0: development phrasings; 1 to 4: held-out rounds (checker-held-out*.ts). */
  heldOut: 0 | 1 | 2 | 3 | 4;
}

const jsonFiles = (directory: string, extensions: string[]): string[] =>
  existsSync(directory)
    ? readdirSync(directory)
        .filter((name) => extensions.some((extension) => name.endsWith(extension)))
        .sort()
        .map((name) => join(directory, name))
    : [];

const loadRuleIndex = async (root: string): Promise<RuleIndex | undefined> => {
  const shared = join(root, '..', 'shared', 'falco', 'rules');
  const files = [...jsonFiles(shared, ['.yaml']), ...jsonFiles(join(shared, 'plugins'), ['.yaml'])];
  try {
    return await loadRules(files.length > 0 ? files : [join(root, 'fixtures', 'rules', 'falco_rules.yaml')]);
  } catch {
    return loadRules([join(root, 'fixtures', 'rules', 'falco_rules.yaml')]);
  }
};

/** Every distinct alert of `../shared/falco/alerts/` (when present) and `fixtures/`, as fact tables. */
export const loadBenchAlerts = async (root: string): Promise<FactTable[]> => {
  const rules = await loadRuleIndex(root);
  const files = [
    ...jsonFiles(join(root, '..', 'shared', 'falco', 'alerts'), ['.jsonl', '.json']),
    ...jsonFiles(join(root, 'fixtures', 'alerts'), ['.jsonl', '.json']),
    join(root, 'fixtures', 'seed', 'alert.json'),
  ];
  const seen = new Set<string>();
  const tables: FactTable[] = [];
  for (const file of files) {
    const loaded = await loadAlerts([file]).catch(() => undefined);
    for (const record of loaded?.records ?? []) {
      const alert = record.alert;
      const key = JSON.stringify([alert.rule, alert.time, alert.hostname, alert.output]);
      if (seen.has(key)) continue;
      seen.add(key);
      tables.push(buildFactTable(alert, rules));
    }
  }
  return tables;
};

const templateMarkdown = (facts: FactTable): string =>
  templateNarrative(facts)
    .sections.map((section) => {
      const title = SECTIONS.find((entry) => entry.id === section.id)?.title ?? section.id;
      return `## ${title}\n\n${section.markdown}`;
    })
    .join('\n\n');

const PARAPHRASES_PER_ALERT = 4;

/** Truthful reports (template output and paraphrases) and one corrupted copy per alert and error class. */
export const buildLabelledSet = (
  alerts: FactTable[],
): { truthful: LabelledReport[]; corrupted: LabelledReport[] } => {
  const truthful: LabelledReport[] = [];
  const corrupted: LabelledReport[] = [];
  alerts.forEach((facts, alertNumber) => {
    const view = createAlertView(facts);
    const random = createRandom(1000 + alertNumber);
    const reports: LabelledReport[] = [
      { facts, markdown: templateMarkdown(facts), origin: 'template', corruption: undefined, heldOut: 0 },
    ];
    for (let variant = 0; variant < PARAPHRASES_PER_ALERT; variant++) {
      const paraphrase = truthfulParaphrase(view, variant + alertNumber, random);
      reports.push({
        facts,
        markdown: paraphrase.markdown,
        origin: paraphrase.style,
        corruption: undefined,
        heldOut: 0,
      });
    }
    truthful.push(...reports);
    truthful.push({
      facts,
      markdown: `## Summary\n\n${heldOutTruthful(view, random).join('\n\n')}\n\n${reports[0]!.markdown}`,
      origin: 'held-out 1',
      corruption: undefined,
      heldOut: 1,
    });
    truthful.push({
      facts,
      markdown: `${reports[1]!.markdown}\n\n## Notes\n\n${heldOutTruthfulRound2(view, random).join(' ')}\n`,
      origin: 'held-out 2',
      corruption: undefined,
      heldOut: 2,
    });
    truthful.push({
      facts,
      markdown: `## Overview\n\n${heldOutTruthfulRound3(view, random).join(' ')}\n\n${reports[2]!.markdown}`,
      origin: 'held-out 3',
      corruption: undefined,
      heldOut: 3,
    });
    truthful.push({
      facts,
      markdown: `**Summary**\n-------\n\n${heldOutTruthfulRound4(view, random).join('\n')}\n\n${reports[3]!.markdown}`,
      origin: 'held-out 4',
      corruption: undefined,
      heldOut: 4,
    });
    for (const errorClass of ERROR_CLASSES) {
      const corruption = CORRUPTORS[errorClass](view, random);
      if (!corruption) continue;
      const base = reports[Math.floor(random() * reports.length)]!;
      corrupted.push({
        facts,
        markdown: insertCorruption(base.markdown, corruption),
        origin: base.origin,
        corruption,
        heldOut: 0,
      });
      const heldOut = heldOutCorruption(view, random, errorClass);
      if (heldOut) {
        corrupted.push({
          facts,
          markdown: insertCorruption(base.markdown, heldOut),
          origin: base.origin,
          corruption: heldOut,
          heldOut: 1,
        });
      }
      const secondRound = heldOutCorruptionRound2(view, random, errorClass);
      if (secondRound) {
        corrupted.push({
          facts,
          markdown: insertCorruption(base.markdown, secondRound),
          origin: base.origin,
          corruption: secondRound,
          heldOut: 2,
        });
      }
      const thirdRound = heldOutCorruptionRound3(view, random, errorClass);
      if (thirdRound) {
        corrupted.push({
          facts,
          markdown: insertCorruption(base.markdown, thirdRound),
          origin: base.origin,
          corruption: thirdRound,
          heldOut: 3,
        });
      }
      const fourthRound = heldOutCorruptionRound4(view, random, errorClass);
      if (fourthRound) {
        corrupted.push({
          facts,
          markdown: insertCorruption(base.markdown, fourthRound),
          origin: base.origin,
          corruption: fourthRound,
          heldOut: 4,
        });
      }
    }
  });
  return { truthful, corrupted };
};
