import projectSchema from '../schemas/project.schema.json' with { type: 'json' };
import policySchema from '../schemas/policy.schema.json' with { type: 'json' };
import configSchema from '../schemas/config.schema.json' with { type: 'json' };
import reportSchema from '../schemas/report.schema.json' with { type: 'json' };
import baselineSchema from '../schemas/baseline.schema.json' with { type: 'json' };

/** The JSON Schemas users validate against; kept as data in schemas/. */
export const schemas = { project: projectSchema, policy: policySchema, config: configSchema, report: reportSchema, baseline: baselineSchema } as const;
export type SchemaName = keyof typeof schemas;
