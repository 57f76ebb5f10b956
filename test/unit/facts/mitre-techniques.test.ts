import { describe, expect, it } from 'vitest';
import {
  MITRE_TECHNIQUE_NAMES,
  mitreFromTags,
  mitreTacticName,
} from '../../../src/facts/mitre-techniques.js';

describe('MITRE tags', () => {
  it('names tactics from mitre_* tags', () => {
    expect(mitreTacticName('mitre_defense_evasion')).toBe('Defense Evasion');
    expect(mitreTacticName('mitre_command_and_control')).toBe('Command and Control');
    expect(mitreTacticName('mitre_something_new')).toBe('Something New');
    expect(mitreTacticName('container')).toBeUndefined();
  });

  it('builds techniques with names (sub-techniques included) and the tags tactics', () => {
    expect(mitreFromTags(['T1059.004', 'mitre_execution', 'T9999', 'host'])).toEqual([
      { id: 'T1059.004', name: 'Command and Scripting Interpreter: Unix Shell', tactics: ['Execution'] },
      { id: 'T9999', name: undefined, tactics: ['Execution'] },
    ]);
  });

  it('has a name for every technique id and its parent', () => {
    for (const id of MITRE_TECHNIQUE_NAMES.keys()) {
      expect(id).toMatch(/^T\d{4}(\.\d{3})?$/);
      expect(MITRE_TECHNIQUE_NAMES.has(id.slice(0, 5))).toBe(true);
    }
  });
});
