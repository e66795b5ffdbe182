import type { Report } from '../assess/types.js';
import { catalogIndex } from './catalog-index.js';
import { renderWhole, type DocumentWriter, type RenderContext, type RunFacts } from './renderer.js';
import { jsonAtDepth } from './json-at-depth.js';
import { projectJson, runJson } from './report-json.js';

/** The whole report as JSON, as schemas/report.schema.json describes it. */
export function renderJson(report: Report, context: RenderContext): string {
  return renderWhole(jsonDocument, report, context);
}

/** Where a project's object starts: two levels in, inside `projects`. */
const projectIndent = '    ';

/**
 * The JSON report a project at a time, byte for byte what `JSON.stringify(report, null, 2)` gives:
 * each project is stringified on its own, at its depth. The head carries the run's `verdict`; `pass`
 * and `fail` are as long, so the head is written first with one and overwritten at the end.
 */
export function jsonDocument(run: RunFacts, _context: RenderContext): DocumentWriter {
  const index = catalogIndex(run.catalog);
  const head = (verdict: 'pass' | 'fail') => `${JSON.stringify(runJson(run, verdict), null, 2).slice(0, -2)},\n  "projects": [`;
  return {
    // The object of the run ends in "\n}": the projects go where that brace was.
    head: head('pass'),
    project(project, i) {
      return `${i === 0 ? '' : ','}\n${projectIndent}${jsonAtDepth(projectJson(project, index), 2)}`;
    },
    end({ verdict, projects }) {
      return { head: head(verdict), foot: projects === 0 ? ']\n}\n' : '\n  ]\n}\n' };
    },
  };
}
