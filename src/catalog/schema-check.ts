import type { ErrorObject } from 'ajv';
import type { CatalogProblem } from './types.js';
import { locate, pointerToPath, type DataPath } from '../load/locate.js';
import type { SourceFile } from '../load/source.js';
import { orgValidator } from '../org/validators.js';


function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `missing required property '${String(params.missingProperty)}'`;
    case 'additionalProperties':
      return `unknown property '${String(params.additionalProperty)}'`;
    case 'enum':
      return `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'const':
      return `must be '${String(params.allowedValue)}'`;
    case 'discriminator':
      return "'kind' must be 'section', 'threat', 'control' or 'threat-controls'";
    case 'oneOf':
      return 'does not match any of the allowed forms';
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}

/**
 * Errors inside a oneOf branch repeat what the oneOf error says less clearly, and every
 * failed branch reports them; keep the oneOf error and drop its branches' details.
 */
function withoutBranchNoise(errors: ErrorObject[]): ErrorObject[] {
  const oneOfPaths = errors.filter((e) => e.keyword === 'oneOf').map((e) => e.schemaPath);
  return errors.filter((e) => !oneOfPaths.some((p) => e.schemaPath.startsWith(`${p}/`)));
}

/** Validates one parsed file against schemas/catalog.schema.json; every error gets a position. */
export function schemaProblems(source: SourceFile, value: unknown): CatalogProblem[] {
  const validate = orgValidator('catalog');
  if (validate(value)) return [];
  const seen = new Set<string>();
  const problems: CatalogProblem[] = [];
  for (const error of withoutBranchNoise(validate.errors ?? [])) {
    const path = pointerToPath(error.instancePath);
    const unknownKey =
      error.keyword === 'additionalProperties' ? String((error.params as Record<string, unknown>).additionalProperty) : undefined;
    const where = formatNodePath(path);
    const message = where ? `${where}: ${describe(error)}` : describe(error);
    if (seen.has(message)) continue;
    seen.add(message);
    problems.push({ file: source.file, ...(unknownKey === undefined ? locate(source, path) : locate(source, [...path, unknownKey], 'key')), message });
  }
  return problems;
}

/** A readable form of a data path for messages: `controls[2].id`. */
function formatNodePath(path: DataPath): string {
  return path
    .map((segment, index) => (typeof segment === 'number' || /^\d+$/.test(segment) ? `[${segment}]` : index === 0 ? segment : `.${segment}`))
    .join('');
}
