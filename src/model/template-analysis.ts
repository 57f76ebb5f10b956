import { escapeControlCharacters } from '../prompting/escape-control-characters.js';
import { fenceDataBlock } from '../prompting/fence-data-block.js';
import type { FactLookup } from './fact-lookup.js';
import { inlineCode as code } from './inline-code.js';
import { alertTime, containerFacts, describeContainer, list, lowerFirst } from './template-sections.js';

const ADDRESS =
  /(?<![\w.:])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?::\d{1,5})?(?![\w.:])/g;

/** IPv4 addresses (with a port when given) that appear inside the command lines of the alert. */
export const addressesInCommandLines = (facts: FactLookup): string[] => {
  const found = new Set<string>();
  for (const fact of [...facts.all('cmdline'), ...facts.all('parent-cmdline')]) {
    for (const match of fact.value.matchAll(ADDRESS)) found.add(match[0]);
  }
  return [...found];
};

export const attackPathParagraphs = (facts: FactLookup): string[] => {
  const paragraphs: string[] = [];
  const rule = facts.table.rule;
  const ruleName = facts.value('rule') ?? facts.table.alert.rule;
  const description = rule?.desc?.trim().replace(/\s+/g, ' ');
  if (description !== undefined && description !== '') {
    // Fenced, not blockquoted: the description is the rules file's wording, quoted, and must not
    // read as the report's own claims about this alert.
    paragraphs.push(
      `The rules file describes what rule ${code(ruleName)} detects:`,
      fenceDataBlock(escapeControlCharacters(description)),
    );
  } else if (rule === undefined) {
    paragraphs.push(
      `No loaded rules file defines rule ${code(ruleName)}, so what it detects is known only from its name and from this alert.`,
    );
  }

  const techniques = facts.table.mitre.map((technique) => {
    const name = technique.name === undefined ? '' : ` (${technique.name})`;
    const tactics =
      technique.tactics.length === 0
        ? ''
        : `, under the ${technique.tactics.length === 1 ? 'tactic' : 'tactics'} ${list(technique.tactics)}`;
    return `technique ${code(technique.id)}${name}${tactics}`;
  });
  if (techniques.length > 0) {
    paragraphs.push(`The alert's tags map it to MITRE ATT&CK ${list(techniques)}.`);
  }

  const observations: string[] = [];
  const exePath = facts.value('exe-path');
  if (exePath?.startsWith('memfd:')) {
    observations.push(
      `The executable path ${code(exePath)} names an anonymous in-memory file created with memfd_create: the program ran from memory and never had to be written to disk, which hides it from file-based scanning.`,
    );
  }
  const addresses = addressesInCommandLines(facts);
  if (addresses.length > 0) {
    observations.push(
      `The command line names the network ${addresses.length === 1 ? 'address' : 'addresses'} ${list(addresses.map(code))}, which may be where the process connects to.`,
    );
  }
  const tty = facts.value('tty');
  if (tty !== undefined && tty !== '0' && facts.value('process-name') !== undefined) {
    observations.push('A terminal was attached to the process, which points to an interactive session.');
  }
  if (observations.length > 0) paragraphs.push(observations.join(' '));
  if (paragraphs.length === 0) {
    paragraphs.push(`The alert does not say more about how rule ${code(ruleName)} was triggered.`);
  }
  return paragraphs;
};

export const recommendationItems = (facts: FactLookup): string[] => {
  const items: string[] = [];
  const container = describeContainer(facts);
  if (container !== undefined) {
    const image = containerFacts(facts).image;
    items.push(
      `Isolate ${container} and preserve it for forensics before restarting or deleting it${image === undefined ? '' : `; check whether other containers run image ${code(image.value)}`}.`,
    );
  }
  const pod = facts.value('k8s-pod');
  const namespace = facts.value('k8s-namespace');
  if (pod !== undefined) {
    items.push(
      `Check who deployed pod ${code(pod)}${namespace === undefined ? '' : ` in namespace ${code(namespace)}`} and what it is allowed to access.`,
    );
  }
  const parent = facts.value('parent-name');
  if (parent !== undefined) {
    items.push(`Inspect the parent process ${code(parent)}: how it was started and what else it ran.`);
  }
  const host = facts.value('host');
  const addresses = addressesInCommandLines(facts);
  if (addresses.length > 0) {
    items.push(
      `Look for network connections to ${list(addresses.map(code))}${host === undefined ? '' : ` from host ${code(host)}`} and block the address if it is not known.`,
    );
  }
  for (const ip of facts.all('ip')) {
    items.push(`Find out who controls ${lowerFirst(ip.label)} ${code(ip.value)} and what else it reached.`);
  }
  const user = facts.value('user');
  if (user !== undefined) {
    items.push(`Review the recent sessions and activity of user ${code(user)}.`);
  }
  const hooks = facts.table.rule?.tuningHooks ?? [];
  if (hooks.length > 0) {
    const target =
      hooks.length === 1
        ? `the list or macro ${code(hooks[0] ?? '')}`
        : `one of the lists or macros ${list(hooks.map(code))}`;
    items.push(
      `If this activity is expected, add it to ${target} in a local rules file rather than editing the rule itself.`,
    );
  }
  if (facts.table.alert.source === 'internal') {
    items.push(
      `Check the health of the Falco deployment${host === undefined ? '' : ` on host ${code(host)}`}: dropped events or errors mean activity may have gone unseen.`,
    );
  }
  const time = alertTime(facts);
  if (host !== undefined && time !== undefined) {
    items.push(
      `Collect the other Falco events from host ${code(host)} around ${code(time.value)} to see what happened before and after.`,
    );
  } else {
    items.push('Collect the other Falco events around this one to see what happened before and after.');
  }
  return items;
};
