import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../../src/check/check-text.js';
import { describeFinding } from '../../../src/check/describe-finding.js';
import { fillPlaceholders } from '../../../src/check/fill-placeholders.js';
import { isFlagged } from '../../../src/check/finding.js';
import { factsOf, loadFixtureFacts, SEED_ALERT } from './load-fixture-facts.js';

/** What a model following prompts/system.md writes: values as placeholders, each in its own role. */
const SEED_DRAFT = `Falco rule {{rule}} fired with priority {{priority}} on host {{hostname}} at {{time}}.
The process {{proc.name}} (parent {{proc.pname}}, grandparent {{proc.aname[2]}}) ran {{proc.cmdline}} as user
{{user.name}} (UID {{user.uid}}, login UID {{user.loginuid}}) in container {{container.name}} ({{container.id}}),
image {{container.image.repository}}:{{container.image.tag}}. The executable was {{proc.exepath}} and the
terminal {{proc.tty}} was attached. The PID is not known.

- Isolate container {{container.id}}.
- Inspect the parent process {{proc.pname}}.`;

describe('a placeholder draft', () => {
  const seed = loadFixtureFacts(SEED_ALERT);

  it('raises nothing when every placeholder is used in its role', () => {
    expect(checkText(SEED_DRAFT, seed).findings.filter(isFlagged).map(describeFinding)).toEqual([]);
  });

  it('still raises nothing once the values are filled in', () => {
    expect(
      checkText(fillPlaceholders(SEED_DRAFT, seed), seed).findings.filter(isFlagged).map(describeFinding),
    ).toEqual([]);
  });

  it('flags the one placeholder given another role', () => {
    const flagged = checkText(`${SEED_DRAFT}\n\nThe parent PID was {{proc.tty}}.`, seed).findings.filter(
      isFlagged,
    );
    expect(flagged.map((finding) => finding.claim)).toEqual(['{{proc.tty}}']);
  });

  it("accepts an audit event's target name as the pod it names", () => {
    const line = readFileSync('fixtures/alerts/falco-website-blogs.jsonl', 'utf8')
      .split('\n')
      .find((entry) => entry.includes('Attach/Exec'))!;
    const facts = factsOf(JSON.parse(line) as Record<string, unknown>);
    const draft =
      'User {{ka.user.name}} exec-ed into pod {{ka.target.name}} in namespace {{ka.target.namespace}} on node {{hostname}}. The pod nginx-676b6c5bbc-4xc6t ran `cat`.';
    expect(checkText(draft, facts).findings.filter(isFlagged).map(describeFinding)).toEqual([]);
  });
});
