import { describe, expect, it } from 'vitest';
import { redactSecrets, restoreSecrets } from '../../../src/prompting/redact-secrets.js';

const CASES: Array<[string, string, string[]]> = [
  ['mysql -u root --password=hunter2 db', 'mysql -u root --password=[REDACTED-1] db', ['hunter2']],
  ['mysql -u root -phunter2 db', 'mysql -u root -p[REDACTED-1] db', ['hunter2']],
  ['mysqladmin -u root -p s3cret ping', 'mysqladmin -u root -p [REDACTED-1] ping', ['s3cret']],
  [
    'curl -H "Authorization: Bearer eyJhbGciOiJIUzI1.abc.def" https://api',
    'curl -H "Authorization: Bearer [REDACTED-1]" https://api',
    ['eyJhbGciOiJIUzI1.abc.def'],
  ],
  ['aws s3 ls # AKIAIOSFODNN7EXAMPLE', 'aws s3 ls # [REDACTED-1]', ['AKIAIOSFODNN7EXAMPLE']],
  [
    'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'aws_secret_access_key = [REDACTED-1]',
    ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
  ],
  [
    'git clone https://deploy:tok3n-value@github.com/org/repo',
    'git clone https://deploy:[REDACTED-1]@github.com/org/repo',
    ['tok3n-value'],
  ],
  [
    'env GITHUB_TOKEN=abc123 API_KEY="k e y" ./run',
    'env GITHUB_TOKEN=[REDACTED-1] API_KEY="[REDACTED-2]" ./run',
    ['abc123', 'k e y'],
  ],
  ['psql --token abcdef', 'psql --token [REDACTED-1]', ['abcdef']],
  ['redis-cli -a topsecret get k', 'redis-cli -a [REDACTED-1] get k', ['topsecret']],
  ['curl -u admin:pa55 http://x', 'curl -u admin:[REDACTED-1] http://x', ['pa55']],
];

describe('redactSecrets', () => {
  it.each(CASES)('masks %s', (input, masked, secrets) => {
    const result = redactSecrets(input);
    expect(result.text).toBe(masked);
    expect([...result.secrets.values()]).toEqual(secrets);
    expect(restoreSecrets(result.text, result.secrets)).toBe(input);
  });

  it('masks private key blocks whole', () => {
    const key =
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----';
    const result = redactSecrets(`echo "${key}" > id`);
    expect(result.text).toBe('echo "[REDACTED-1]" > id');
    expect(restoreSecrets(result.text, result.secrets)).toBe(`echo "${key}" > id`);
  });

  it('leaves text without secrets alone', () => {
    const result = redactSecrets('3 -c 10.13.37.7:4444');
    expect(result.text).toBe('3 -c 10.13.37.7:4444');
    expect(result.secrets.size).toBe(0);
  });

  it('gives the same secret the same placeholder across values sharing one map', () => {
    const secrets = new Map<string, string>();
    expect(redactSecrets('--password=abc', secrets).text).toBe('--password=[REDACTED-1]');
    expect(redactSecrets('PASSWORD=abc TOKEN=xyz', secrets).text).toBe(
      'PASSWORD=[REDACTED-1] TOKEN=[REDACTED-2]',
    );
    expect(secrets.size).toBe(2);
  });

  it('restores only placeholders it knows', () => {
    expect(restoreSecrets('[REDACTED-1] and [REDACTED-9]', new Map([['[REDACTED-1]', 's']]))).toBe(
      's and [REDACTED-9]',
    );
  });
});
