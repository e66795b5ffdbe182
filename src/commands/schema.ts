import { ExitCode, printError, type Io } from '../io.js';
import { schemas, type SchemaName } from '../schemas.js';

/** `aithreat schema [name]`: prints one of the JSON Schemas aithreat reads or writes (project by default). */
export function schemaCommand(name: string | undefined, io: Io): number {
  const names = Object.keys(schemas) as SchemaName[];
  const wanted = name ?? 'project';
  if (!(names as string[]).includes(wanted)) {
    printError(io, `unknown schema '${wanted}'; expected one of: ${names.join(', ')}`);
    return ExitCode.inputError;
  }
  io.stdout(`${JSON.stringify(schemas[wanted as SchemaName], null, 2)}\n`);
  return ExitCode.ok;
}
