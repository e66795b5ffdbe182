import type { Report } from '../assess/types.js';
import type { RenderContext } from './renderer.js';
import { reportToJson } from './report-json.js';

/** The whole report as JSON, as schemas/report.schema.json describes it. */
export function renderJson(report: Report, _context: RenderContext): string {
  return `${JSON.stringify(reportToJson(report), null, 2)}\n`;
}
