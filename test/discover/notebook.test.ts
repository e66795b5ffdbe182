import { describe, expect, it } from 'vitest';
import { analyseNotebook, pipInstall } from '../../src/discover/notebook.js';
import { pythonParser } from '../../src/discover/python/parser.js';

const parser = await pythonParser();
const notebook = (cells: { cell_type: string; source: string[] | string }[]) => JSON.stringify({ cells: cells.map((c) => ({ ...c, metadata: {}, outputs: [] })), metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);

describe('notebooks', () => {
  it('joins code cells, so an import in one cell resolves a call in a later one, at the line of the .ipynb file', () => {
    const text = notebook([
      { cell_type: 'code', source: ['import torch\n', 'x = 1'] },
      { cell_type: 'markdown', source: ['torch.load("not code")'] },
      { cell_type: 'code', source: ['y = torch.load("w.pt")'] },
    ]);
    const { findings, notices } = analyseNotebook(parser, text, 'nb.ipynb');
    expect(notices).toEqual([]);
    expect(findings).toHaveLength(1);
    const line = text.split('\n').findIndex((l) => l.includes('y = torch.load')) + 1;
    const column = text.split('\n')[line - 1]!.indexOf('torch.load') + 1;
    expect(findings[0]).toMatchObject({ file: 'nb.ipynb', line, column, kind: 'unsafe-load' });
  });

  it('maps columns past escaped characters in the JSON string', () => {
    const text = notebook([{ cell_type: 'code', source: ['import torch\n', 's = "\\t\\""; torch.load("w.pt")'] }]);
    const f = analyseNotebook(parser, text, 'nb.ipynb').findings[0]!;
    expect(text.split('\n')[f.line - 1]!.slice(f.column - 1).startsWith('torch.load')).toBe(true);
  });

  it('turns pip and conda magics and shell cells into installs, and parses the rest as Python', () => {
    const text = notebook([
      { cell_type: 'code', source: ['%pip install -q transformers==4.44.2 "datasets>=2"\n', '!pip3 install -r requirements.txt -U\n', 'import joblib\n', 'm = joblib.load("m.joblib")'] },
      { cell_type: 'code', source: ['%%bash\n', 'conda install -y pytorch\n', 'echo done'] },
      { cell_type: 'code', source: '%%time\nimport pickle\npickle.loads(b)\n' },
    ]);
    const { findings } = analyseNotebook(parser, text, 'nb.ipynb');
    expect(findings.map((f) => (f.kind === 'notebook-install' ? f.details.packages.join(' ') : f.kind))).toEqual(['transformers==4.44.2 datasets>=2', '-r requirements.txt', 'pytorch', 'unsafe-load', 'unsafe-load']);
  });

  it.each([
    ['pip install torch', ['torch']],
    ['python -m pip install --upgrade "transformers[torch]"', ['transformers[torch]']],
    ['uv pip install vllm && echo ok', ['vllm']],
    ['{sys.executable} -m pip install -i https://mirror/simple peft', ['peft']],
    ['ls -la', null],
  ])('pipInstall(%j)', (command, packages) => {
    expect(pipInstall(command)).toEqual(packages);
  });

  it('says where a notebook is not JSON', () => {
    expect(analyseNotebook(parser, '{\n "cells": [\n  {"cell_type": "code",,}\n ]\n}', 'nb.ipynb').notices).toEqual([
      { file: 'nb.ipynb', line: 3, column: 24, code: 'not-json', message: 'is not a notebook: JSON syntax error (PropertyNameExpected)' },
    ]);
    expect(analyseNotebook(parser, '[]', 'nb.ipynb').notices[0]).toMatchObject({ code: 'not-json', message: 'is not a notebook: the top level is not a JSON object' });
  });
});
