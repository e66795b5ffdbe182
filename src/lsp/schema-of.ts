import { schemas } from '../schemas.js';
import type { DocumentKind } from './document-kind.js';

/** The JSON Schema a kind of document is checked against. */
export function schemaOf(kind: DocumentKind): Record<string, unknown> {
  return (kind === 'project' ? schemas.project : kind === 'policy' ? schemas.policy : schemas.config) as Record<string, unknown>;
}
