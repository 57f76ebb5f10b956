import type { RoleCue } from './role-cues.js';

/** English words a cue can precede that are never values ("the host machine", "as a result"). */
const STOP_WORDS = new Set(
  (
    'a an the this that these those its it their his her our your my and or but of in on at to for from by with ' +
    "without into onto via as is was were be been being which who whom whose what when where while it's " +
    'system systems machine machines level activity activities account accounts name names id ids process ' +
    'processes tree trees execution events event level itself itself, has had have not no any all some such ' +
    'other another same new running ran runs execute executed itself directly namespace namespaces pod pods ' +
    'image images container containers host hosts node nodes user users rule rules well part result'
  ).split(' '),
);

/** Account names common enough to be claims even without backticks ("as root", "user ubuntu"). */
const COMMON_ACCOUNTS = new Set(
  'root admin administrator ubuntu ec2-user www-data nobody daemon postgres mysql nginx jenkins git vagrant centos debian guest deploy docker'.split(
    ' ',
  ),
);

/** Program names common enough to be claims without backticks ("the parent process was socat"). */
const COMMON_PROGRAMS = new Set(
  (
    'bash sh zsh dash ksh csh tcsh fish ash busybox python python2 python3 perl ruby php node java curl wget nc ' +
    'ncat netcat socat nmap ssh sshd scp sftp sudo su cron crond systemd init containerd runc dockerd docker ' +
    'kubectl kubelet tar gzip base64 openssl awk gawk sed cat ls ps id whoami xmrig vi vim nano apt apt-get yum ' +
    'dnf rpm dpkg pip npm git make gcc chmod chown mount nsenter unshare insmod modprobe iptables tcpdump strace ' +
    'gdb env sleep nohup screen tmux httpd nginx apache2 mysqld postgres mongod perl5 lua tclsh telnet ftp rsync ' +
    'crontab at passwd useradd usermod chpasswd find grep xargs dd mkfifo touch rm mv cp ln tee sshpass'
  ).split(' '),
);

/**
 * Host, node and pod names read like `db-primary-03` or `ip-10-0-3-17.ec2.internal`: letters,
 * digits and at least one hyphen. Versions (`3.12-slim`), CVE ids and encodings are not names.
 */
export const isMachineName = (word: string): boolean =>
  word.length >= 6 &&
  /^[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)+$/.test(word) &&
  word.includes('-') &&
  /\d/.test(word) &&
  /[A-Za-z]{2}/.test(word) &&
  !/^(?:v?\d+(?:\.\d+)*(?:-\w+)?|(?:cve|ghsa|rfc|iso|utf|sha|md|x86|arm|aes|tls|ssl|ipv|el|fc|kb|t\d)[-\d].*)$/i.test(
    word,
  );

/**
 * Macro and list names of Falco rules (`known_memfd_execution_processes`, `user_known_shell_spawn`):
 * advice to extend them ("add the binary to known_memfd_execution_processes") names the rules,
 * not a value of the alert.
 */
const RULES_IDENTIFIER = /^[a-z][a-z0-9]*(?:_[a-z0-9]+){2,}$/;

const looksLikeIdentifier = (word: string): boolean => /[\d_.:@/-]/.test(word) || /[a-z][A-Z]/.test(word);

export const isStopWord = (word: string): boolean => STOP_WORDS.has(word.toLowerCase());

/**
 * Is a bare (unquoted) word after a cue a value rather than English? Alert values always are;
 * after a strong cue, identifier-shaped words are too ("host db-primary-03"); well-known program
 * and account names are ("the parent process was socat", "as root"). After a weak cue
 * ("launched the in-memory binary") only known and well-known words count.
 */
export const isBareValue = (word: string, cue: RoleCue, known: boolean): boolean => {
  if (known) return true;
  if (/[.:]$/.test(word)) return false;
  if (RULES_IDENTIFIER.test(word)) return false;
  const lower = word.toLowerCase();
  const familiar =
    (cue.kind === 'user' && COMMON_ACCOUNTS.has(lower)) ||
    (['process-name', 'parent-name', 'cmdline'].includes(cue.kind) && COMMON_PROGRAMS.has(lower));
  return familiar || (cue.strong && looksLikeIdentifier(word));
};
