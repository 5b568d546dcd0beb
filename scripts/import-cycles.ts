/**
 * Import cycles in the product code, found with TypeScript's own parser and module resolution (no plugin to keep in
 * step with ESLint, and fast: the files are parsed, not type-checked). A cycle means two modules each need the other
 * loaded first: whichever the bundle evaluates second sees the other's exports still undefined, a fault that shows
 * only at run time and only in some load orders. The fix is to move what both need to a module both can import.
 *
 * What counts is what runs: static imports and re-exports. Left out, as they load nothing at run time: `import type`,
 * `export type`, and an import or re-export whose every name is marked `type` (TypeScript removes them). Also left out:
 * `import()` expressions, which load later, when the importing module is long initialised.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import ts from 'typescript';

const OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.ReactJSX,
  resolveJsonModule: true,
};

/** True when an import or re-export loads nothing at run time (only types). */
function typeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause;
    if (!clause) return false; // `import './x'`: run for its effects
    if (clause.isTypeOnly) return true;
    const named = clause.namedBindings;
    return !clause.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
  }
  if (node.isTypeOnly) return true;
  const named = node.exportClause;
  return !!named && ts.isNamedExports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

/** The files each file loads at run time (only files among `files`; packages are not followed). */
export function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  const cache = ts.createModuleResolutionCache(process.cwd(), (f) => f, OPTIONS);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    const targets = new Set<string>();
    for (const node of source.statements) {
      if (!(ts.isImportDeclaration(node) || ts.isExportDeclaration(node))) continue;
      const spec = node.moduleSpecifier;
      if (!spec || !ts.isStringLiteral(spec) || typeOnly(node)) continue;
      const resolved = ts.resolveModuleName(spec.text, file, OPTIONS, ts.sys, cache).resolvedModule?.resolvedFileName;
      if (resolved && known.has(resolved)) targets.add(resolved);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/**
 * Every cycle, one per group of files that reach each other (a strongly connected component, Tarjan's algorithm),
 * each as the files of one loop through the group, starting and ending at the same file.
 */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  // Iterative, so a long chain of imports cannot overflow the call stack.
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; edge: number }[] = [{ node: root, edge: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1]!;
      const edges = graph.get(top.node) ?? [];
      if (top.edge < edges.length) {
        const to = edges[top.edge++]!;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(top.node, Math.min(low.get(top.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
      if (low.get(top.node) === index.get(top.node)) {
        const group: string[] = [];
        let n: string;
        do {
          n = stack.pop()!;
          onStack.delete(n);
          group.push(n);
        } while (n !== top.node);
        const selfLoop = (graph.get(top.node) ?? []).includes(top.node);
        if (group.length > 1 || selfLoop) groups.push(group);
      }
    }
  }
  return groups.map((group) => loopThrough(graph, group));
}

/** One loop through a group of files that reach each other: the shortest way from its first file back to itself. */
function loopThrough(graph: ReadonlyMap<string, readonly string[]>, group: readonly string[]): string[] {
  const inGroup = new Set(group);
  const start = [...group].sort()[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i]!;
    for (const to of graph.get(at) ?? []) {
      if (!inGroup.has(to)) continue;
      if (to === start) {
        const path = [at];
        while (path[0] !== start) path.unshift(cameFrom.get(path[0]!)!);
        return [...path, start];
      }
      if (!cameFrom.has(to)) {
        cameFrom.set(to, at);
        queue.push(to);
      }
    }
  }
  return [start, start];
}

/** A cycle as a person reads it: "a.ts → b.ts → a.ts", paths relative to `root`. */
export function describeCycle(cycle: readonly string[], root: string): string {
  return cycle.map((f) => relative(root, f).split('\\').join('/')).join(' → ');
}
