import type { GapReport } from '../assess/types.js';
import type { FormatName, Renderer } from './renderer.js';

/**
 * An output format: what it reads of each project, and its renderer, loaded only when asked for
 * (a run that prints a table never parses the SARIF or Markdown code).
 * - `assessment`: findings with their facts and recommendations, as well as gaps.
 * - `gaps`: gaps, acceptances and each threat's verdict. When every requested format reads only
 *   these, a run over many projects keeps much less (see `gapsOf`).
 */
export type Format =
  | { reads: 'assessment'; load: () => Promise<Renderer> }
  | { reads: 'gaps'; load: () => Promise<Renderer<GapReport>> };

export const formats: Record<FormatName, Format> = {
  table: { reads: 'assessment', load: async () => (await import('./table.js')).renderTable },
  markdown: { reads: 'assessment', load: async () => (await import('./markdown.js')).renderMarkdown },
  json: { reads: 'assessment', load: async () => (await import('./json.js')).renderJson },
  sarif: { reads: 'gaps', load: async () => (await import('./sarif.js')).renderSarif },
  junit: { reads: 'assessment', load: async () => (await import('./junit.js')).renderJunit },
};

export const formatNames = Object.keys(formats) as FormatName[];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formats, name);
}

/** The usual file extension of each format, for golden files and suggested output names. */
export const formatExtensions: Record<FormatName, string> = {
  table: 'txt',
  markdown: 'md',
  json: 'json',
  sarif: 'sarif',
  junit: 'xml',
};

export type { FormatName, RenderContext, Renderer } from './renderer.js';
