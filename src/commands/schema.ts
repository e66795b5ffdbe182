import { ExitCode, printError, type Io } from '../io.js';
import { schemas } from '../schemas.js';

/** The schemas of an organisation's files, which come with the organisation's code (dist/org.cjs). */
const organisationSchemaNames = ['catalog', 'rule'] as const;

/**
 * `aithreat schema [name]`: prints one of the JSON Schemas aithreat reads or writes (project by
 * default), or of an organisation's catalog and rule files.
 */
export async function schemaCommand(name: string | undefined, io: Io): Promise<number> {
  const wanted = name ?? 'project';
  const names = [...Object.keys(schemas), ...organisationSchemaNames];
  let schema: unknown;
  if (Object.hasOwn(schemas, wanted)) schema = schemas[wanted as keyof typeof schemas];
  else if ((organisationSchemaNames as readonly string[]).includes(wanted)) schema = (await import('../org/index.js')).organisationSchemas[wanted as (typeof organisationSchemaNames)[number]];
  else {
    printError(io, `unknown schema '${wanted}'; expected one of: ${names.join(', ')}`);
    return ExitCode.inputError;
  }
  io.stdout(`${JSON.stringify(schema, null, 2)}\n`);
  return ExitCode.ok;
}
