import { basename, join } from 'node:path';
import { formatNames, formats, type FormatName } from '../../../src/render/index.js';
import { repoRoot } from '../../helpers/run-cli.js';
import { asOf, examples } from './assess-files.js';

export interface GoldenCase {
  example: string;
  format: FormatName;
  /** `aithreat` arguments that print this case on stdout. */
  args: string[];
  /** test/golden/<example-name>.<ext> */
  file: string;
}

/** Every example in every format: what test/golden holds and scripts/update-golden.ts writes. */
export function goldenCases(): GoldenCase[] {
  return examples.flatMap((example) =>
    formatNames.map((format) => ({
      example,
      format,
      args: ['assess', example, '--as-of', asOf, '--format', format],
      file: join(repoRoot, 'test', 'golden', `${basename(example, '.yaml')}.${formats[format].extension}`),
    })),
  );
}

/** Golden output is plain: no colour, not a terminal, so 80 columns. */
export const goldenEnv = { NO_COLOR: '1' };
