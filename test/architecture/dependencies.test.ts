import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseOptions, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The dependency direction of src/: the rules, the layer order and the known violations
 * still being fixed are in .dependency-cruiser.cjs (`npx depcruise src` runs the same check).
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

async function cruiseFrom(baseDir: string, options: ICruiseOptions, tsConfig?: unknown): Promise<ICruiseResult> {
  const { output } = await cruise(['src'], { ...options, baseDir }, undefined, tsConfig === undefined ? undefined : { tsConfig });
  if (typeof output === 'string') throw new Error('dependency-cruiser returned a report, not a cruise result');
  return output;
}

/** One line per violation: "from → to (rule)", with the whole loop for a cycle. */
function describeViolation(v: IViolation): string {
  const cycle = v.cycle?.length ? `: ${[v.from, ...v.cycle.map((m) => m.name)].join(' → ')}` : '';
  return `${v.from} → ${v.to} (${v.rule.name}${cycle})`;
}

function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => relative(ROOT, join(dir, f)).split(sep).join('/'))
    .sort();
}

describe('dependency direction of src/', () => {
  let options: ICruiseOptions;
  let result: ICruiseResult;

  beforeAll(async () => {
    options = await extractDepcruiseOptions(CONFIG);
    result = await cruiseFrom(ROOT, options, extractTSConfig(join(ROOT, 'tsconfig.json')));
  });

  it('no module imports from a higher layer, is part of an import cycle, imports what does not resolve, or lies outside the layers (known violations in .dependency-cruiser.cjs aside)', () => {
    const errors = result.summary.violations.filter((v) => v.rule.severity === 'error' || v.rule.severity === 'warn');
    expect(errors.map(describeViolation), 'violations of .dependency-cruiser.cjs').toEqual([]);
  });

  it('every known violation allowed in .dependency-cruiser.cjs still occurs (a fixed one must leave the list)', () => {
    const known = options.knownViolations ?? [];
    const softened = result.summary.violations.filter((v) => v.rule.severity === 'ignore');
    const stale = known.filter(
      (k) =>
        !softened.some((v) =>
          k.cycle
            ? v.rule.name === k.rule.name && sameMembers(v.cycle?.map((m) => m.name) ?? [], k.cycle.map((m) => m.name))
            : v.rule.name === k.rule.name && v.from === k.from && v.to === k.to,
        ),
    );
    expect(stale.map((k) => describeViolation(k)), 'allowances that match no violation any more').toEqual([]);
  });

  it('the cruise reads every TypeScript file of src/, type-only imports included', () => {
    const cruised = result.modules.map((m) => m.source).filter((s) => s.startsWith('src/') && s.endsWith('.ts'));
    expect(cruised.sort()).toEqual(tsFilesUnder(join(ROOT, 'src')));
    expect(options.tsPreCompilationDeps).toBe(true);
  });
});

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

describe('the rules of .dependency-cruiser.cjs on a small tree', () => {
  it('report an import of a higher layer or of a peer, an import cycle, an unresolvable import and a module outside the layers, and let imports of lower layers through', async () => {
    const base = mkdtempSync(join(tmpdir(), 'hirewatch-depcruise-'));
    try {
      const files: Record<string, string> = {
        'src/parse/record.ts': "import { serve } from '../cli/main.js';\nexport const record = () => serve;\n",
        'src/cli/main.ts': "import { record } from '../parse/record.js';\nexport const serve = () => record;\n",
        'src/normalise/name.ts': "import { record } from '../parse/record.js';\nimport { gone } from './missing.js';\nexport const name = () => [record, gone];\n",
        'src/server/app.ts': "import { serve } from '../cli/main.js';\nexport const app = serve;\n",
        'src/stream/consumer.ts': "import { app } from '../server/app.js';\nimport { name } from '../normalise/name.js';\nexport const consume = [app, name];\n",
        'src/helpers.ts': "import { name } from './normalise/name.js';\nexport const helper = name;\n",
      };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(base, path)), { recursive: true });
        writeFileSync(join(base, path), text);
      }
      const options = await extractDepcruiseOptions(CONFIG);
      const found = (await cruiseFrom(base, { ...options, knownViolations: [] })).summary.violations.map(describeViolation);
      // A cycle is reported once, from one of its modules.
      expect(found.sort()).toEqual(
        [
          'src/cli/main.ts → src/parse/record.ts (no-circular: src/cli/main.ts → src/parse/record.ts → src/cli/main.ts)',
          'src/helpers.ts → src/normalise/name.ts (in-a-layer)',
          'src/normalise/name.ts → ./missing.js (not-to-unresolvable)',
          'src/parse/record.ts → src/cli/main.ts (layer-parse)',
          'src/server/app.ts → src/cli/main.ts (layer-server)',
          'src/stream/consumer.ts → src/server/app.ts (layer-stream)',
        ].sort(),
      );
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
