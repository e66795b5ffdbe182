/**
 * GitHub Actions workflow commands (`::error file=a.yaml,line=3,title=T::message`), written as the
 * runner reads them: a command is a line that starts with `::`; its properties run to the next
 * `::`, split at `,`, each split at its first `=`; the message runs to the end of the line. So the
 * message escapes `%`, `\r` and `\n`, and a property also `:` and `,`: text from a project can
 * then neither end a line (and start a command of its own) nor end a property early.
 * https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands
 */

/** A command's message: `%` → `%25`, `\r` → `%0D`, `\n` → `%0A`. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property's value: as a message, and `:` → `%3A`, `,` → `%2C`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  /** The file, relative to the repository's root, with `/`. */
  file?: string;
  line?: number;
  col?: number;
  title?: string;
  message: string;
}

/** One workflow command line, without its line feed. */
export function annotationCommand(annotation: Annotation): string {
  const properties: string[] = [];
  if (annotation.file !== undefined) properties.push(`file=${escapeProperty(annotation.file)}`);
  if (annotation.line !== undefined) properties.push(`line=${annotation.line}`);
  if (annotation.col !== undefined) properties.push(`col=${annotation.col}`);
  if (annotation.title !== undefined) properties.push(`title=${escapeProperty(annotation.title)}`);
  return `::${annotation.level}${properties.length > 0 ? ` ${properties.join(',')}` : ''}::${escapeData(annotation.message)}`;
}
