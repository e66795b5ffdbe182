import { formatAliases, formatNames, formats } from '../src/render/index.js';

const start = '<!-- formats: written from src/render/index.ts by scripts/update-docs.ts -->';
const end = '<!-- /formats -->';

/** The README's table of formats, from the registry: name, who reads it, what it holds. */
export function formatsTable(): string {
  const aliases = (name: string) => Object.keys(formatAliases).filter((alias) => formatAliases[alias] === name).map((alias) => `, also \`${alias}\``).join('');
  const rows = formatNames.map((name) => `| \`${name}\`${name === 'table' ? ' (default' : aliases(name) ? ' (' : ''}${aliases(name).replace(/^, /, name === 'table' ? ', ' : '')}${name === 'table' || aliases(name) ? ')' : ''} | ${formats[name].for} | ${formats[name].notes} |`);
  return [start, '| format | for | notes |', '|---|---|---|', ...rows, end].join('\n');
}

/** The README with its table of formats written from the registry. */
export function readmeWithFormats(readme: string): string {
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} ... ${end} block`);
  return `${readme.slice(0, from)}${formatsTable()}${readme.slice(to + end.length)}`;
}

/** schemas/config.schema.json with the pattern of `formats` naming every registered format. */
export function configSchemaWithFormats(schema: string): string {
  const pattern = /"pattern": "\^\([a-z|]+\)\(=\.\+\)\?\$"/;
  if (!pattern.test(schema)) throw new Error('schemas/config.schema.json: the pattern of formats changed shape');
  return schema.replace(pattern, `"pattern": "^(${[...formatNames, ...Object.keys(formatAliases)].join('|')})(=.+)?$"`);
}
