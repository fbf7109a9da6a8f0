import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderSignalDocs } from '../../src/catalogue/render-docs.js';
import { FAMILIES, SIGNALS } from '../../src/catalogue/signals.js';
import { SOURCES } from '../../src/catalogue/sources.js';

describe('signal catalogue', () => {
  it('every id is family.name, in its own family, with a weight, a description and a known source', () => {
    for (const [id, def] of Object.entries(SIGNALS)) {
      expect(id).toMatch(/^[a-z]+\.[a-z0-9_]+$/);
      expect(id.split('.')[0]).toBe(def.family);
      expect(FAMILIES).toContain(def.family);
      expect(Number.isFinite(def.weight)).toBe(true);
      expect(def.description.length).toBeGreaterThan(10);
      expect(SOURCES).toHaveProperty(def.source);
    }
  });

  it('docs/signals.md is up to date (run `npm run docs`)', () => {
    expect(readFileSync(new URL('../../docs/signals.md', import.meta.url), 'utf8')).toBe(renderSignalDocs());
  });
});
