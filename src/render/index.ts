import type { FormatName, Renderer } from './renderer.js';

/**
 * Every output format, each loaded only when asked for: a run that prints a table never parses
 * the SARIF or Markdown code.
 */
export const renderers: Record<FormatName, () => Promise<Renderer>> = {
  table: async () => (await import('./table.js')).renderTable,
  markdown: async () => (await import('./markdown.js')).renderMarkdown,
  json: async () => (await import('./json.js')).renderJson,
  sarif: async () => (await import('./sarif.js')).renderSarif,
  junit: async () => (await import('./junit.js')).renderJunit,
};

export const formatNames = Object.keys(renderers) as FormatName[];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(renderers, name);
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
