import { describe, expect, it } from 'vitest';
import { analyseCondaEnvironment } from '../../src/discover/deps/conda.js';
import { parseRequirement } from '../../src/discover/deps/requirement.js';
import { analyseRequirements } from '../../src/discover/deps/requirements-txt.js';
import { analyseToml } from '../../src/discover/deps/toml-files.js';
import type { Finding } from '../../src/discover/types.js';

const summary = (findings: Finding[]) => findings.map((f) => (f.kind === 'dependency' ? `${f.line}:${f.column} ${f.details.name} ${f.details.specifier} pinned=${f.details.pinned} hashed=${f.details.hashed}` : f.kind));

describe('dependency files', () => {
  it.each([
    ['torch==2.3.1', true],
    ['torch===2.3.1', true],
    ['torch==2.*', false],
    ['torch>=2.3', false],
    ['torch~=2.3', false],
    ['torch', false],
    ['torch>=2,<3', false],
    ['transformers[torch]==4.44.2; python_version > "3.9"', true],
    ['pkg @ https://files.example.org/pkg-1.0-py3-none-any.whl', true],
    ['pkg @ git+https://github.com/org/pkg@main', false],
    ['pkg @ git+https://github.com/org/pkg@0123456789abcdef0123456789abcdef01234567', true],
  ])('%s is pinned: %s', (text, pinned) => {
    expect(parseRequirement(text)?.pinned).toBe(pinned);
  });

  it('reads a requirements file: continuations, hashes, comments, options, only ML libraries', () => {
    const text = '# comment\ntorch==2.3.1 \\\n    --hash=sha256:abc\nTransformers_Fork>=1 # not ML\ntransformers >=4.40  # pinned later\n-r other.txt\n--index-url https://x\nrequests==2\n-e git+https://github.com/huggingface/peft#egg=peft\n';
    expect(summary(analyseRequirements(text, 'requirements.txt'))).toEqual([
      '2:1 torch ==2.3.1 pinned=true hashed=true',
      '5:1 transformers >=4.40 pinned=false hashed=false',
      '9:39 peft @ git+https://github.com/huggingface/peft#egg=peft pinned=false hashed=false',
    ]);
  });

  it('reads pyproject.toml: PEP 621, optional dependencies, dependency groups and Poetry tables', () => {
    const text = '[project]\nname = "x"\ndependencies = ["torch>=2", "numpy"]\n[project.optional-dependencies]\ngpu = ["vllm==0.5.0"]\n[dependency-groups]\ndev = ["wandb"]\n[tool.poetry.dependencies]\npython = "^3.10"\ntransformers = "4.44.2"\ndatasets = { version = "^2.19" }\n';
    expect(summary(analyseToml(text, 'pyproject.toml', 'pyproject').findings)).toEqual([
      '3:18 torch >=2 pinned=false hashed=false',
      '5:9 vllm ==0.5.0 pinned=true hashed=false',
      '7:9 wandb  pinned=false hashed=false',
      '10:1 transformers 4.44.2 pinned=true hashed=false',
      '11:1 datasets ^2.19 pinned=false hashed=false',
    ]);
  });

  it('reads uv.lock and poetry.lock: every version locked, hashed when every artifact has a hash', () => {
    const uv = 'version = 1\n[[package]]\nname = "torch"\nversion = "2.3.1"\nsource = { registry = "https://pypi.org/simple" }\nwheels = [{ url = "https://x/torch.whl", hash = "sha256:aa" }]\n[[package]]\nname = "safetensors"\nversion = "0.4.3"\nsource = { git = "https://github.com/huggingface/safetensors" }\n';
    expect(summary(analyseToml(uv, 'uv.lock', 'uv-lock').findings)).toEqual(['3:1 torch ==2.3.1 pinned=true hashed=true', '8:1 safetensors ==0.4.3 pinned=true hashed=false']);
    const poetry = '[[package]]\nname = "transformers"\nversion = "4.44.2"\nfiles = [{ file = "t.whl", hash = "sha256:bb" }]\n';
    expect(summary(analyseToml(poetry, 'poetry.lock', 'poetry-lock').findings)).toEqual(['2:1 transformers ==4.44.2 pinned=true hashed=true']);
  });

  it('says where a TOML file is broken', () => {
    expect(analyseToml('[project]\ndependencies = [\n', 'pyproject.toml', 'pyproject').notices).toEqual([
      expect.objectContaining({ file: 'pyproject.toml', line: 3, code: 'not-toml' }),
    ]);
  });

  it('reads a conda environment with a pip section', () => {
    const text = 'name: train\nchannels: [pytorch]\ndependencies:\n  - python=3.11\n  - pytorch::pytorch=2.3.1=py3.11_cuda12.1_cudnn8_0\n  - torchvision=0.18\n  - pip:\n      - transformers==4.44.2\n';
    expect(summary(analyseCondaEnvironment(text, 'environment.yml').findings)).toEqual([
      '5:5 pytorch =2.3.1=py3.11_cuda12.1_cudnn8_0 pinned=true hashed=false',
      '6:5 torchvision =0.18 pinned=false hashed=false',
      '8:9 transformers ==4.44.2 pinned=true hashed=false',
    ]);
  });
});
