import type { GapReport } from '../assess/types.js';
import type { Renderer } from './renderer.js';

/**
 * An output format: what it reads of each project, its renderer (loaded only when asked for, so a
 * run that prints a table never parses the SARIF or Markdown code), its usual file extension and
 * what it is for. This registry is the one list of formats: `--format`, the help text, the
 * config schema and the README's table are checked against it (test/render/formats.test.ts).
 * - `assessment`: findings with their facts and recommendations, as well as gaps.
 * - `gaps`: gaps, acceptances and each threat's verdict. When every requested format reads only
 *   these, a run over many projects keeps much less (see `gapsOf`).
 */
export type Format = { extension: string; for: string } & (
  | { reads: 'assessment'; load: () => Promise<Renderer> }
  | { reads: 'gaps'; load: () => Promise<Renderer<GapReport>> }
);

export const formats = {
  table: { reads: 'assessment', extension: 'txt', for: 'the terminal and CI logs', load: async () => (await import('./table.js')).renderTable },
  markdown: { reads: 'assessment', extension: 'md', for: 'a security review in a pull request', load: async () => (await import('./markdown.js')).renderMarkdown },
  json: { reads: 'assessment', extension: 'json', for: 'scripts and baselines', load: async () => (await import('./json.js')).renderJson },
  sarif: { reads: 'gaps', extension: 'sarif', for: 'GitHub code scanning', load: async () => (await import('./sarif.js')).renderSarif },
  junit: { reads: 'assessment', extension: 'xml', for: 'CI test tabs', load: async () => (await import('./junit.js')).renderJunit },
} as const satisfies Record<string, Format>;

/** The output formats `aithreat assess --format` accepts. */
export type FormatName = keyof typeof formats;

export const formatNames = Object.keys(formats) as FormatName[];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formats, name);
}

export type { RenderContext, Renderer } from './renderer.js';
