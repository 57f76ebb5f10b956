import type { MitreTechnique } from './fact.js';

/**
 * MITRE ATT&CK (Enterprise) technique names for every id tagged in the upstream Falco rules,
 * plus the parents of their sub-techniques and a few techniques custom rules commonly use.
 */
export const MITRE_TECHNIQUE_NAMES: ReadonlyMap<string, string> = new Map([
  ['T1003', 'OS Credential Dumping'],
  ['T1003.008', 'OS Credential Dumping: /etc/passwd and /etc/shadow'],
  ['T1005', 'Data from Local System'],
  ['T1020', 'Automated Exfiltration'],
  ['T1021', 'Remote Services'],
  ['T1021.004', 'Remote Services: SSH'],
  ['T1027', 'Obfuscated Files or Information'],
  ['T1036', 'Masquerading'],
  ['T1046', 'Network Service Discovery'],
  ['T1053', 'Scheduled Task/Job'],
  ['T1053.003', 'Scheduled Task/Job: Cron'],
  ['T1055', 'Process Injection'],
  ['T1055.008', 'Process Injection: Ptrace System Calls'],
  ['T1057', 'Process Discovery'],
  ['T1059', 'Command and Scripting Interpreter'],
  ['T1059.004', 'Command and Scripting Interpreter: Unix Shell'],
  ['T1059.006', 'Command and Scripting Interpreter: Python'],
  ['T1068', 'Exploitation for Privilege Escalation'],
  ['T1070', 'Indicator Removal'],
  ['T1070.002', 'Indicator Removal: Clear Linux or Mac System Logs'],
  ['T1070.004', 'Indicator Removal: File Deletion'],
  ['T1071', 'Application Layer Protocol'],
  ['T1072', 'Software Deployment Tools'],
  ['T1078', 'Valid Accounts'],
  ['T1082', 'System Information Discovery'],
  ['T1083', 'File and Directory Discovery'],
  ['T1095', 'Non-Application Layer Protocol'],
  ['T1098', 'Account Manipulation'],
  ['T1098.004', 'Account Manipulation: SSH Authorized Keys'],
  ['T1105', 'Ingress Tool Transfer'],
  ['T1110', 'Brute Force'],
  ['T1132', 'Data Encoding'],
  ['T1136', 'Create Account'],
  ['T1190', 'Exploit Public-Facing Application'],
  ['T1195', 'Supply Chain Compromise'],
  ['T1195.002', 'Supply Chain Compromise: Compromise Software Supply Chain'],
  ['T1204', 'User Execution'],
  ['T1205', 'Traffic Signaling'],
  ['T1205.001', 'Traffic Signaling: Port Knocking'],
  ['T1222', 'File and Directory Permissions Modification'],
  [
    'T1222.002',
    'File and Directory Permissions Modification: Linux and Mac File and Directory Permissions Modification',
  ],
  ['T1485', 'Data Destruction'],
  ['T1490', 'Inhibit System Recovery'],
  ['T1496', 'Resource Hijacking'],
  ['T1498', 'Network Denial of Service'],
  ['T1505', 'Server Software Component'],
  ['T1505.003', 'Server Software Component: Web Shell'],
  ['T1543', 'Create or Modify System Process'],
  ['T1546', 'Event Triggered Execution'],
  ['T1546.004', 'Event Triggered Execution: Unix Shell Configuration Modification'],
  ['T1547', 'Boot or Logon Autostart Execution'],
  ['T1547.006', 'Boot or Logon Autostart Execution: Kernel Modules and Extensions'],
  ['T1548', 'Abuse Elevation Control Mechanism'],
  ['T1548.001', 'Abuse Elevation Control Mechanism: Setuid and Setgid'],
  ['T1548.003', 'Abuse Elevation Control Mechanism: Sudo and Sudo Caching'],
  ['T1552', 'Unsecured Credentials'],
  ['T1552.001', 'Unsecured Credentials: Credentials In Files'],
  ['T1552.005', 'Unsecured Credentials: Cloud Instance Metadata API'],
  ['T1555', 'Credentials from Password Stores'],
  ['T1556', 'Modify Authentication Process'],
  ['T1557', 'Adversary-in-the-Middle'],
  ['T1557.002', 'Adversary-in-the-Middle: ARP Cache Poisoning'],
  ['T1562', 'Impair Defenses'],
  ['T1562.001', 'Impair Defenses: Disable or Modify Tools'],
  ['T1564', 'Hide Artifacts'],
  ['T1564.001', 'Hide Artifacts: Hidden Files and Directories'],
  ['T1565', 'Data Manipulation'],
  ['T1567', 'Exfiltration Over Web Service'],
  ['T1609', 'Container Administration Command'],
  ['T1610', 'Deploy Container'],
  ['T1611', 'Escape to Host'],
  ['T1613', 'Container and Resource Discovery'],
  ['T1620', 'Reflective Code Loading'],
  ['T1622', 'Debugger Evasion'],
]);

/** ATT&CK tactics by the suffix of Falco's `mitre_*` tags (`data_destruction` is Falco's own). */
const TACTIC_NAMES: ReadonlyMap<string, string> = new Map([
  ['reconnaissance', 'Reconnaissance'],
  ['resource_development', 'Resource Development'],
  ['initial_access', 'Initial Access'],
  ['execution', 'Execution'],
  ['persistence', 'Persistence'],
  ['privilege_escalation', 'Privilege Escalation'],
  ['defense_evasion', 'Defense Evasion'],
  ['credential_access', 'Credential Access'],
  ['discovery', 'Discovery'],
  ['lateral_movement', 'Lateral Movement'],
  ['collection', 'Collection'],
  ['command_and_control', 'Command and Control'],
  ['exfiltration', 'Exfiltration'],
  ['impact', 'Impact'],
  ['data_destruction', 'Data Destruction'],
]);

const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/i;
const TACTIC_TAG = /^mitre_([a-z_]+)$/i;

export const isMitreTechniqueId = (tag: string): boolean => TECHNIQUE_ID.test(tag.trim());

/** `mitre_defense_evasion` -> `Defense Evasion`; undefined for tags that are not `mitre_*`. */
export const mitreTacticName = (tag: string): string | undefined => {
  const match = TACTIC_TAG.exec(tag.trim());
  if (!match?.[1]) return undefined;
  const key = match[1].toLowerCase();
  return (
    TACTIC_NAMES.get(key) ??
    key
      .split('_')
      .map((word) => (word === 'and' ? word : `${word.charAt(0).toUpperCase()}${word.slice(1)}`))
      .join(' ')
  );
};

/** The techniques a tag list names, each with every tactic the same tags name. */
export const mitreFromTags = (tags: readonly string[]): MitreTechnique[] => {
  const tactics = [...new Set(tags.map(mitreTacticName).filter((name) => name !== undefined))];
  const ids = [...new Set(tags.filter(isMitreTechniqueId).map((tag) => tag.trim().toUpperCase()))];
  return ids.map((id) => ({ id, name: MITRE_TECHNIQUE_NAMES.get(id), tactics }));
};
