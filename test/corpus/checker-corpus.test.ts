import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildLabelledSet, loadBenchAlerts } from '../../bench/checker-labelled-set.js';
import { checkText } from '../../src/check/check-text.js';
import { describeFinding } from '../../src/check/describe-finding.js';
import { isFlagged } from '../../src/check/finding.js';

const alertsDirectory = '../shared/falco/alerts';

/**
 * Every real alert through ingest, facts (with the upstream rules), the template writer and the
 * checker: the template writer's prose must raise nothing. The benchmark's labelled set rides
 * along so the checker's quality cannot silently regress; its numbers are printed by
 * `npm run bench:checker`, not asserted here beyond the targets.
 */
describe.skipIf(!existsSync(alertsDirectory))('corpus: the checker on every real alert', async () => {
  const alerts = existsSync(alertsDirectory) ? await loadBenchAlerts('.') : [];
  const { truthful, corrupted } = buildLabelledSet(alerts);

  it("raises no finding on the template writer's prose for any alert", () => {
    expect(alerts.length).toBeGreaterThan(50);
    const flagged = truthful
      .filter((report) => report.origin === 'template')
      .flatMap((report) =>
        checkText(report.markdown, report.facts)
          .findings.filter(isFlagged)
          .map((finding) => `${report.facts.alert.rule}: ${describeFinding(finding)}`),
      );
    expect(flagged).toEqual([]);
  });

  it('raises false alarms on at most 1% of the truthful paraphrases', () => {
    const alarms = truthful.filter((report) =>
      checkText(report.markdown, report.facts).findings.some(isFlagged),
    );
    expect(alarms.length / truthful.length).toBeLessThanOrEqual(0.01);
  });

  it('flags at least 99% of the corrupted reports on the injected error (development phrasings)', () => {
    const development = corrupted.filter((report) => report.heldOut === 0);
    const detected = development.filter((report) =>
      checkText(report.markdown, report.facts)
        .findings.filter(isFlagged)
        .some((finding) =>
          report.corruption!.markdown.replace(/\s+/g, ' ').includes(finding.sentence.replace(/\s+/g, ' ')),
        ),
    );
    expect(detected.length / development.length).toBeGreaterThanOrEqual(0.99);
  });
});
