import projectSchema from '../schemas/project.schema.json' with { type: 'json' };
import policySchema from '../schemas/policy.schema.json' with { type: 'json' };

/** The JSON Schemas users validate against; kept as data in schemas/. */
export const schemas = { project: projectSchema, policy: policySchema } as const;
export type SchemaName = keyof typeof schemas;
