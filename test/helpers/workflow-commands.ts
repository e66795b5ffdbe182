/**
 * A reader of GitHub Actions workflow commands written from GitHub's documentation of them
 * (docs.github.com, "Workflow commands for GitHub Actions"), and of how the runner reads a line
 * (actions/runner, ActionCommand.TryParseV2): the output is split into lines at `\n`, `\r\n` or
 * `\r`; a line that, after leading white space, starts with `::` is a command; its name and
 * properties run to the next `::`, the name up to the first space, the properties split at `,`
 * and each at its first `=`; the message is the rest of the line. Properties unescape `%3A` and
 * `%2C` as well as the message's `%0D`, `%0A` and `%25`.
 */
export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

export function parseWorkflowCommands(output: string): { commands: WorkflowCommand[]; otherLines: string[] } {
  const commands: WorkflowCommand[] = [];
  const otherLines: string[] = [];
  for (const raw of output.split(/\r\n|\r|\n/)) {
    const line = raw.trimStart();
    const end = line.startsWith('::') ? line.indexOf('::', 2) : -1;
    if (end < 0) {
      if (raw !== '') otherLines.push(raw);
      continue;
    }
    const info = line.slice(2, end);
    const space = info.indexOf(' ');
    const command = (space < 0 ? info : info.slice(0, space)).trim();
    const properties: Record<string, string> = {};
    if (space >= 0) {
      for (const pair of info.slice(space + 1).trim().split(',').filter(Boolean)) {
        const eq = pair.indexOf('=');
        if (eq > 0 && eq < pair.length - 1) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
      }
    }
    commands.push({ command, properties, message: unescapeData(line.slice(end + 2)) });
  }
  return { commands, otherLines };
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}
