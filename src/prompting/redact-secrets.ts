/**
 * Masks secrets in alert values before they leave the machine for a model, and puts them back in
 * the local report. Every pattern has exactly two groups: the context kept (`prefix`) and the secret.
 */
const VALUE = `("[^"]*"|'[^']*'|[^\\s'"&;|,]+)`;

const PATTERNS: RegExp[] = [
  /()(-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$))/g,
  /(\bauthorization\s*[:=]\s*(?:bearer|basic|token|digest)?\s*)([^\s'"]+)/gi,
  /(\bbearer\s+)([A-Za-z0-9._~+/=-]{8,})/gi,
  /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:)([^/\s@]+)(?=@)/gi,
  /(\b[a-z][a-z0-9+.-]*:\/\/)([^/\s:@]{16,})(?=@)/gi,
  /()(\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b)/g,
  new RegExp(`(\\baws_secret_access_key\\b["']?\\s*[=:]\\s*)${VALUE}`, 'gi'),
  new RegExp(
    `(\\b[A-Za-z0-9_]*(?:token|secret|passw(?:or)?d|passwd|api_?key|access_?key|private_?key|credentials?)[A-Za-z0-9_]*=)${VALUE}`,
    'gi',
  ),
  new RegExp(
    `(--?(?:password|passwd|pass|token|secret|client-secret|api-key|apikey|access-key|secret-key|auth-token)(?:=|\\s+))${VALUE}`,
    'gi',
  ),
  new RegExp(
    `(\\b(?:mysql|mysqladmin|mysqldump|mariadb|mariadb-dump|sshpass)\\b[^\\n|;&]*?\\s-p\\s*)${VALUE}`,
    'g',
  ),
  new RegExp(`(\\bredis-cli\\b[^\\n|;&]*?\\s-a\\s+)${VALUE}`, 'g'),
  /(\bcurl\b[^\n|;&]*?\s(?:-u|--user)\s*["']?[^\s:'"]+:)([^\s'"]+)/g,
  /()(\bgh[pousr]_[A-Za-z0-9]{30,}\b|\bgithub_pat_[A-Za-z0-9_]{30,}\b)/g,
  /()(\bxox[abposr]-[A-Za-z0-9-]{10,}\b)/g,
  /()(\bAIza[0-9A-Za-z_-]{35}\b)/g,
  /()(\b[sr]k_(?:live|test)_[0-9A-Za-z]{16,}\b)/g,
  /()(\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b)/g,
];

const PLACEHOLDER = /\[REDACTED-(\d+)\]/g;
const ONLY_PLACEHOLDERS = /^(?:\[REDACTED-\d+\])+$/;

export interface RedactionResult {
  text: string;
  /** Placeholder (`[REDACTED-1]`) to the secret it stands for. */
  secrets: Map<string, string>;
}

/**
 * Pass the `secrets` map of an earlier call to redact several values with one numbering, so the
 * same secret gets the same placeholder everywhere in a prompt.
 */
export const redactSecrets = (text: string, secrets: Map<string, string> = new Map()): RedactionResult => {
  const bySecret = new Map([...secrets].map(([placeholder, secret]) => [secret, placeholder]));
  const placeholderFor = (secret: string): string => {
    const known = bySecret.get(secret);
    if (known !== undefined) return known;
    const placeholder = `[REDACTED-${secrets.size + 1}]`;
    secrets.set(placeholder, secret);
    bySecret.set(secret, placeholder);
    return placeholder;
  };
  let result = text;
  for (const pattern of PATTERNS) {
    result = result.replace(pattern, (match, prefix: string, value: string) => {
      const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
      const secret = quote === '' ? value : value.slice(1, -1);
      if (secret === '' || ONLY_PLACEHOLDERS.test(secret)) return match;
      return `${prefix}${quote}${placeholderFor(secret)}${quote}`;
    });
  }
  return { text: result, secrets };
};

/** Puts secrets back; placeholders not in the map (text that merely looks like one) stay as they are. */
export const restoreSecrets = (text: string, secrets: Map<string, string>): string =>
  secrets.size === 0
    ? text
    : text.replace(PLACEHOLDER, (placeholder) => secrets.get(placeholder) ?? placeholder);
