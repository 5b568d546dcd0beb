/**
 * No import cycles in the product code (scripts/import-cycles.ts says what counts and why). A cycle found is named
 * file by file; the fix is to move what both sides need to a module both can import.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeCycle, findCycles, importGraph } from './import-cycles';

const root = join(__dirname, '..');

function sources(dir: string, into: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, into);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts')) into.push(path);
  }
  return into;
}

/** A throwaway folder of modules, each given as its file name and text. */
function folder(files: Record<string, string>): { files: string[]; dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'senco-cycles-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { files: Object.keys(files).map((n) => join(dir, n)), dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('import cycles', () => {
  it('there are none in electron/, shared/ and renderer/src', () => {
    const files = ['electron', 'shared', join('renderer', 'src')].flatMap((d) => sources(join(root, d)));
    expect(files.length).toBeGreaterThan(300);
    const cycles = findCycles(importGraph(files)).map((c) => describeCycle(c, root));
    expect(cycles).toEqual([]);
  });

  it('finds a made-up cycle, through a re-export and an extensionless path, and names its files in order', () => {
    const f = folder({
      'a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'b.ts': "export { c as b } from './c.js';\n",
      'c.ts': "import { a } from './a';\nexport const c = () => a;\n",
      'd.ts': "import { a } from './a';\nexport const d = a;\n",
    });
    try {
      const cycles = findCycles(importGraph(f.files)).map((c) => describeCycle(c, f.dir));
      expect(cycles).toEqual(['a.ts → b.ts → c.ts → a.ts']);
    } finally {
      f.done();
    }
  });

  it('does not count imports that vanish at run time (types only) or load later (import())', () => {
    const f = folder({
      'a.ts': "import type { B } from './b';\nimport { type C } from './c';\nexport type A = B | C;\n",
      'b.ts': "import { a } from './x';\nexport type { A } from './a';\nexport type B = typeof a;\n",
      'c.ts': "export const load = () => import('./a');\nexport type C = string;\nexport { type A as CA } from './a';\n",
      'x.ts': 'export const a = 1;\n',
    });
    try {
      expect(findCycles(importGraph(f.files))).toEqual([]);
      // The same import with a value name in it is a cycle.
      writeFileSync(f.files[0]!, "import { type B, b } from './b';\nexport const a = b;\nexport type A = B;\n");
      writeFileSync(f.files[1]!, "import { a } from './a';\nexport const b = a;\nexport type B = 1;\n");
      expect(findCycles(importGraph(f.files)).map((c) => describeCycle(c, f.dir))).toEqual(['a.ts → b.ts → a.ts']);
    } finally {
      f.done();
    }
  });
});
