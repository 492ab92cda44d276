// `drspec report` and the VS Code report view: an analysis result → one HTML page or
// Markdown. Pure: no I/O, no Node-only imports (it also runs in the browser build).
import { HtmlOptions, renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { buildReport } from './model';
import { ReportInput, ReportOptions } from './view';

export type ReportFormat = 'html' | 'markdown';

export interface RenderOptions extends ReportOptions, HtmlOptions {
  format: ReportFormat;
}

export function renderReport(input: ReportInput, options: RenderOptions): string {
  const view = buildReport(input, options);
  return options.format === 'markdown' ? renderMarkdown(view) : renderHtml(view, options);
}

export { buildReport, renderHtml, renderMarkdown };
export type { ReportInput, ReportOptions };
