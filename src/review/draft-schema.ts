import { z } from 'zod';
import { FACT_ROLES } from '../facts/fact.js';
import { PRIORITIES } from '../ingest/alert.js';
import { SECTIONS } from '../model/narrative.js';
import { DRAFT_FORMAT } from '../pipeline/draft.js';

/**
 * The shape a sidecar must have before review or check trusts it. Objects are loose so fields that
 * later versions add survive a load and save round trip; only what review and check rely on is pinned.
 */
const sectionIds = SECTIONS.map((section) => section.id) as [string, ...string[]];
const sectionIdSchema = z.enum(sectionIds);

type FieldValueShape = string | number | bigint | boolean | null | FieldValueShape[];
const fieldValueSchema: z.ZodType<FieldValueShape> = z.lazy(() =>
  z.union([z.string(), z.number(), z.bigint(), z.boolean(), z.null(), z.array(fieldValueSchema)]),
);

const factSchema = z.looseObject({
  field: z.string(),
  label: z.string(),
  value: z.string(),
  role: z.enum(FACT_ROLES),
  raw: fieldValueSchema,
});

const optionalString = z.string().optional().nullable();

const ruleSchema = z
  .looseObject({
    name: z.string(),
    desc: optionalString,
    condition: optionalString,
    output: optionalString,
    priority: optionalString,
    tags: z.array(z.string()),
    file: z.string(),
    tuningHooks: z.array(z.string()),
  })
  .optional()
  .nullable();

const mitreSchema = z.looseObject({
  id: z.string(),
  name: optionalString,
  tactics: z.array(z.string()),
});

const findingSchema = z.looseObject({
  verdict: z.enum(['supported', 'contradicted', 'unsupported', 'invalid']),
  kind: z.string(),
  claim: z.string(),
  sentence: z.string(),
  section: optionalString,
  field: optionalString,
  expected: optionalString,
  reason: optionalString,
});

const coverageItemSchema = z.looseObject({
  key: z.string(),
  field: z.string(),
  value: z.string(),
  role: z.enum(FACT_ROLES),
});

const alertSchema = z.looseObject({
  rule: z.string(),
  priority: z.enum(PRIORITIES),
  time: optionalString,
  timeMs: z.number().optional().nullable(),
  hostname: optionalString,
  source: optionalString,
  output: optionalString,
  outputFields: z.record(z.string(), fieldValueSchema),
  tags: z.array(z.string()),
  uuid: optionalString,
  message: optionalString,
});

const documentSchema = z.looseObject({
  title: z.string(),
  alert: z.looseObject({ rule: z.string(), priority: z.enum(PRIORITIES) }),
  facts: z.array(factSchema),
  rule: ruleSchema,
  mitre: z.array(mitreSchema),
  sections: z.array(z.looseObject({ id: sectionIdSchema, title: z.string(), markdown: z.string() })),
  findings: z.array(findingSchema),
  coverage: z.looseObject({ mentioned: z.array(coverageItemSchema), missing: z.array(coverageItemSchema) }),
  verification: z.looseObject({
    claimsChecked: z.number(),
    supported: z.number(),
    flagged: z.number(),
    repairRounds: z.number(),
    removed: z.array(
      z.looseObject({ section: sectionIdSchema, sentence: z.string(), findings: z.array(findingSchema) }),
    ),
  }),
  provenance: z.looseObject({
    tool: z.literal('falco-report'),
    backend: z.enum(['ollama', 'template']),
    input: z.looseObject({ file: z.string(), line: z.number() }),
  }),
});

const decisionSchema = z.looseObject({
  section: sectionIdSchema,
  action: z.enum(['accept', 'edit', 'regenerate', 'drop']),
  at: z.string(),
  by: z.string(),
  reason: z.string().optional(),
  instruction: z.string().optional(),
});

export const draftSchema = z.looseObject({
  format: z.literal(DRAFT_FORMAT),
  reportFile: z.string(),
  reportFormat: z.enum(['md', 'html', 'json']),
  document: documentSchema,
  factTable: z.looseObject({
    alert: alertSchema,
    facts: z.array(factSchema),
    rule: ruleSchema,
    mitre: z.array(mitreSchema),
  }),
  review: z.looseObject({
    status: z.enum(['draft', 'in-review', 'approved']),
    decisions: z.array(decisionSchema),
    decided: z.array(sectionIdSchema),
    approvedBy: z.string().optional(),
    approvedAt: z.string().optional(),
  }),
});
