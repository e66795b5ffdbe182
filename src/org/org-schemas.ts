import catalogSchema from '../../schemas/catalog.schema.json' with { type: 'json' };
import ruleSchema from '../../schemas/rule.schema.json' with { type: 'json' };

/** The JSON Schemas of an organisation's files: its catalog entries and its rules. */
export const orgSchemas = { catalog: catalogSchema, rule: ruleSchema } as const;
export type OrgSchemaName = keyof typeof orgSchemas;
