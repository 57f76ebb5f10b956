/**
 * Whether an Ollama host address points at this machine. Accepts what OLLAMA_HOST holds in practice:
 * full URLs, `host:port`, bare hosts. Anything unparseable counts as remote, so `--redact` stays on.
 */
export const isLoopbackHost = (url: string): boolean => {
  const trimmed = url.trim();
  let hostname: string;
  try {
    hostname = new URL(trimmed.includes('://') ? trimmed : `http://${trimmed}`).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (hostname.startsWith('[') && hostname.endsWith(']')) hostname = hostname.slice(1, -1);
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  if (hostname === '::1' || hostname === '0:0:0:0:0:0:0:1' || hostname === '0.0.0.0' || hostname === '::')
    return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)) return true;
  return /^::ffff:127\./.test(hostname) || /^::ffff:7f[0-9a-f]{2}:/.test(hostname);
};
