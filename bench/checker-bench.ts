import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkText } from '../src/check/check-text.js';
import { describeFinding } from '../src/check/describe-finding.js';
import { type Finding, isFlagged } from '../src/check/finding.js';
import { type Corruption, ERROR_CLASSES, type ErrorClass } from './checker-corruptions.js';
import { buildLabelledSet, type LabelledReport, loadBenchAlerts } from './checker-labelled-set.js';

/**
 * `npm run bench:checker`: the checker against a labelled set built from real alerts. Truthful
 * reports (template writer output, hand-written paraphrases) must raise nothing; each corrupted
 * copy carries exactly one injected error, which must be flagged — and nothing else may be.
 * Targets: recall >= 0.99 and precision >= 0.98 on the value, role and fabrication classes;
 * false alarms <= 1% of truthful reports. `--verbose` lists misses and false alarms.
 */

/** The repository root, whether run from `dist/bench/` or straight from `bench/`. */
const findRoot = (): string => {
  let directory = fileURLToPath(new URL('.', import.meta.url));
  while (!existsSync(join(directory, 'package.json')) && dirname(directory) !== directory)
    directory = dirname(directory);
  return directory;
};

const ROOT = findRoot();
const VERBOSE = process.argv.includes('--verbose');

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** A flagged finding is on the injected error when it sits in the inserted sentence or block. */
const onInjection = (finding: Finding, corruption: Corruption): boolean =>
  squash(corruption.markdown).includes(squash(finding.sentence));

interface ClassScore {
  reports: number;
  detected: number;
  truePositives: number;
  falsePositives: number;
  misses: string[];
}

const percent = (value: number): string => (Number.isNaN(value) ? '   -  ' : value.toFixed(3));

const scoreTable = (scores: Map<ErrorClass, ClassScore>): string[] => {
  const lines = [
    '| error class           | reports | recall | precision |',
    '|-----------------------|--------:|-------:|----------:|',
  ];
  let totalReports = 0;
  let totalDetected = 0;
  let totalTrue = 0;
  let totalFalse = 0;
  const row = (
    label: string,
    reports: number,
    detected: number,
    truePositives: number,
    falsePositives: number,
  ): string =>
    `| ${label.padEnd(21)} | ${String(reports).padStart(7)} | ${percent(detected / reports).padStart(6)} | ${percent(truePositives / (truePositives + falsePositives)).padStart(9)} |`;
  for (const [errorClass, score] of scores) {
    if (score.reports === 0) continue;
    totalReports += score.reports;
    totalDetected += score.detected;
    totalTrue += score.truePositives;
    totalFalse += score.falsePositives;
    lines.push(row(errorClass, score.reports, score.detected, score.truePositives, score.falsePositives));
  }
  lines.push(row('all classes', totalReports, totalDetected, totalTrue, totalFalse));
  return lines;
};

const main = async (): Promise<void> => {
  const alerts = await loadBenchAlerts(ROOT);
  const { truthful, corrupted } = buildLabelledSet(alerts);

  const falseAlarms: Array<{ report: LabelledReport; findings: Finding[] }> = [];
  const falseAlarmsByOrigin = new Map<string, [number, number]>();
  for (const report of truthful) {
    const flagged = checkText(report.markdown, report.facts).findings.filter(isFlagged);
    const [alarms, total] = falseAlarmsByOrigin.get(report.origin) ?? [0, 0];
    falseAlarmsByOrigin.set(report.origin, [alarms + (flagged.length > 0 ? 1 : 0), total + 1]);
    if (flagged.length > 0) falseAlarms.push({ report, findings: flagged });
  }

  const emptyScores = (): Map<ErrorClass, ClassScore> =>
    new Map(
      ERROR_CLASSES.map((errorClass) => [
        errorClass,
        { reports: 0, detected: 0, truePositives: 0, falsePositives: 0, misses: [] },
      ]),
    );
  const rounds = [emptyScores(), emptyScores(), emptyScores(), emptyScores(), emptyScores()] as const;
  for (const report of corrupted) {
    const corruption = report.corruption!;
    const score = rounds[report.heldOut].get(corruption.errorClass)!;
    const flagged = checkText(report.markdown, report.facts).findings.filter(isFlagged);
    const hits = flagged.filter((finding) => onInjection(finding, corruption));
    score.reports += 1;
    score.detected += hits.length > 0 ? 1 : 0;
    score.truePositives += hits.length;
    score.falsePositives += flagged.length - hits.length;
    if (hits.length === 0)
      score.misses.push(`${corruption.markdown.split('\n')[0]}  [${report.facts.alert.rule}]`);
    for (const finding of flagged) {
      if (!hits.includes(finding)) score.misses.push(`  false flag: ${describeFinding(finding)}`);
    }
  }

  // Speed: every report once per round, single thread, for at least 1.5 s; the median round is
  // reported, next to a baseline measured in the same run (a naive sentence split and number scan
  // over the same text), so a loaded machine shows in both.
  const all = [...truthful, ...corrupted];
  const sentenceCount = all.reduce(
    (total, report) => total + report.markdown.split(/(?<=[.!?])\s+|\n+/).length,
    0,
  );
  const medianRate = (work: () => void): number => {
    const rates: number[] = [];
    const started = Date.now();
    while (Date.now() - started < 1500 || rates.length < 3) {
      const roundStart = process.hrtime.bigint();
      work();
      rates.push((all.length * 1e9) / Number(process.hrtime.bigint() - roundStart));
    }
    return rates.sort((left, right) => left - right)[Math.floor(rates.length / 2)]!;
  };
  const checkerRate = medianRate(() => {
    for (const report of all) checkText(report.markdown, report.facts);
  });
  let sink = 0;
  const baselineRate = medianRate(() => {
    for (const report of all) {
      for (const sentence of report.markdown.split(/(?<=[.!?])\s+|\n+/))
        sink += sentence.match(/\d+/g)?.length ?? 0;
    }
  });

  const lines: string[] = [];
  const developmentTruthful = truthful.filter((report) => report.heldOut === 0).length;
  lines.push(
    `checker benchmark: ${alerts.length} distinct alerts, ${truthful.length} truthful and ${corrupted.length} corrupted reports`,
  );
  lines.push(
    `(development phrasings: ${developmentTruthful} truthful; held-out phrasings: ${truthful.length - developmentTruthful} truthful)`,
  );
  for (const [title, scores] of [
    ['development phrasings (the checker was tuned on these)', rounds[0]],
    [
      'held-out round 1 (first sight: recall 0.830; its gaps were then fixed, so no longer held out)',
      rounds[1],
    ],
    [
      'held-out round 2 (first sight: recall 0.869, false alarms on 66/79 of its truthful reports; gaps then fixed)',
      rounds[2],
    ],
    [
      'held-out round 3 (first sight: recall 0.905, false alarms on 21/79 of its truthful reports; gaps then fixed)',
      rounds[3],
    ],
    [
      'held-out round 4 (first sight: recall 0.997, false alarms on 1/79 of its truthful reports; that bug then fixed)',
      rounds[4],
    ],
  ] as const) {
    lines.push('', `${title}:`, '');
    lines.push(...scoreTable(scores));
  }
  lines.push('');
  const alarmCount = falseAlarms.length;
  lines.push(
    `false alarms on truthful reports: ${alarmCount}/${truthful.length} = ${((100 * alarmCount) / truthful.length).toFixed(2)}%  (${[
      ...falseAlarmsByOrigin,
    ]
      .map(([origin, [alarms, total]]) => `${origin} ${alarms}/${total}`)
      .join(', ')})`,
  );
  lines.push(
    `speed: ${Math.round(checkerRate)} reports/s on one thread (median round; ${((1e6 * all.length) / checkerRate / sentenceCount).toFixed(1)} µs a sentence); baseline (naive split + number scan, ${sink} numbers) ${Math.round(baselineRate)} reports/s: the checker costs ${(baselineRate / checkerRate).toFixed(0)}x the baseline`,
  );
  if (VERBOSE) {
    lines.push('', 'misses and false flags on corrupted reports:');
    for (const [set, scores] of [
      ['dev', rounds[0]],
      ['held-out 1', rounds[1]],
      ['held-out 2', rounds[2]],
      ['held-out 3', rounds[3]],
      ['held-out 4', rounds[4]],
    ] as const) {
      for (const [errorClass, score] of scores) {
        for (const miss of score.misses) lines.push(`  [${set}: ${errorClass}] ${miss}`);
      }
    }
    lines.push('', 'false alarms on truthful reports:');
    for (const alarm of falseAlarms) {
      for (const finding of alarm.findings) {
        lines.push(
          `  [${alarm.report.origin}] ${describeFinding(finding)}\n      in: ${finding.sentence.slice(0, 200)}`,
        );
      }
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
};

await main();
