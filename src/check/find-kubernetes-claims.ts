import { isRecommendation } from './is-recommendation.js';

export interface KubernetesClaim {
  start: number;
  end: number;
  text: string;
}

const KUBERNETES_WORDS =
  /\b(?:kubernetes|k8s|kubelet|kubectl|(?<!(?:mount|pid|network|user|ipc|uts|cgroup|time|net)\s+)namespaces?|pods?|daemonsets?|deployments?\s+(?:named|called)|clusters?)\b/gi;
const NEGATION = /\b(?:no|not|without|none|absent|empty|lacks?|neither|nor)\b[^.;]*$/i;

/**
 * Sentences that place the event in Kubernetes. Only checked when the alert has no Kubernetes
 * field at all; advice ("keep Kubernetes patched") and negations ("no Kubernetes metadata") pass.
 */
export const findKubernetesClaims = (sentence: string): KubernetesClaim[] => {
  if (isRecommendation(sentence)) return [];
  const claims: KubernetesClaim[] = [];
  // Values quoted from the alert ("container `k8s_storage-provisioner_...`") are not claims about context.
  const prose = sentence.replace(/`+[^`]*`+|"[^"]*"|“[^”]*”/g, (quoted) => ' '.repeat(quoted.length));
  for (const match of prose.matchAll(KUBERNETES_WORDS)) {
    const before = sentence.slice(Math.max(0, match.index - 50), match.index);
    if (NEGATION.test(before)) continue;
    claims.push({ start: match.index, end: match.index + match[0].length, text: match[0] });
  }
  return claims;
};
