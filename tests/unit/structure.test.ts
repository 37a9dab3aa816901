// Guards the shape of src/: small files, and folders that depend on each other one way only (a
// cycle between folders means neither can be read, tested or moved without the other).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');
const MAX_LINES = 200;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

// Whole-line comments only: a `//` or `/*` inside a string or a regex must not eat code.
const withoutComments = (text: string) => text.replace(/^[ \t]*\/\*[\s\S]*?\*\//gm, '').replace(/^[ \t]*\/\/.*$/gm, '');

// Static imports and re-exports (type-only ones too: they tie the folders together just the
// same), side-effect imports, and dynamic import().
const SPECIFIER_PATTERNS = [
  /^\s*(?:import|export)\s+(?:type\s+)?[\w$*{}\s,]*?\bfrom\s*(['"])([^'"\n]+)\1/gm,
  /^\s*import\s*(['"])([^'"\n]+)\1/gm,
  /\bimport\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g,
];

/** The specifiers a file imports from. */
export function importSpecifiers(text: string): string[] {
  const code = withoutComments(text);
  return SPECIFIER_PATTERNS.flatMap((re) => [...code.matchAll(re)].map((m) => m[2]!));
}

/** A folder under src/ is one node; a file directly in src/ is its own (`errors.ts`). */
function nodeOf(file: string): string | null {
  const rel = path.relative(SRC, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const [first, ...rest] = rel.split(path.sep);
  if (rest.length > 0) return first!;
  return first!.replace(/\.js$/, '.ts').replace(/^([^.]+)$/, '$1.ts');
}

type Graph = Map<string, Map<string, string[]>>; // from node → to node → "file → specifier" seen

export function folderGraph(files: Array<{ file: string; text: string }>): Graph {
  const graph: Graph = new Map();
  for (const { file, text } of files) {
    const from = nodeOf(file)!;
    if (!graph.has(from)) graph.set(from, new Map());
    for (const spec of importSpecifiers(text)) {
      if (!spec.startsWith('./') && !spec.startsWith('../')) continue;
      const to = nodeOf(path.resolve(path.dirname(file), spec));
      if (!to || to === from) continue;
      const edges = graph.get(from)!;
      edges.set(to, [...(edges.get(to) ?? []), `${path.relative(SRC, file)} → ${spec}`]);
      if (!graph.has(to)) graph.set(to, new Map());
    }
  }
  return graph;
}

/** Tarjan: the strongly connected components with more than one node, i.e. the cycles. */
export function cycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) found.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

/** A shortest way round from the component's first node back to itself (BFS inside it). */
function shortestLoop(graph: Graph, members: Set<string>, start: string): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!members.has(w) || cameFrom.has(w)) continue;
      cameFrom.set(w, v);
      if (w === start) queue.length = 0;
      else queue.push(w);
    }
  }
  const loop = [start];
  for (let v = cameFrom.get(start)!; v !== start; v = cameFrom.get(v)!) loop.unshift(v);
  return [start, ...loop];
}

function describe(graph: Graph, component: string[]): string {
  const members = new Set(component);
  const edges = component.flatMap((from) =>
    [...(graph.get(from) ?? [])]
      .filter(([to]) => members.has(to))
      .map(([to, via]) => `    ${from} → ${to}: ${via.join(', ')}`),
  );
  const loop = shortestLoop(graph, members, component[0]!).join(' → ');
  return [`  {${component.join(', ')}}, e.g. ${loop}`, ...edges].join('\n');
}

const files = sourceFiles(SRC).map((file) => ({ file, text: readFileSync(file, 'utf8') }));

test(`no file in src/ is over ${MAX_LINES} lines`, () => {
  const long = files
    .map(({ file, text }) => ({ file: path.relative(SRC, file), lines: lineCount(text) }))
    .filter((f) => f.lines > MAX_LINES)
    .map((f) => `  src/${f.file}: ${f.lines} lines`);
  assert.deepEqual(long, [], `files over ${MAX_LINES} lines:\n${long.join('\n')}`);
});

test('the import parser sees every kind of relative import', () => {
  const text = [
    "import { a } from './a.js';",
    'import type {',
    '  B,',
    "} from '../b/index.js';",
    "export { c, type C } from './c.js';",
    "export * from './d.js';",
    "import './e.js';",
    "const f = await import('./f.js');",
    "// import { g } from './g.js';",
    'const h = \'x from "./h.js"\';',
  ].join('\n');
  assert.deepEqual(importSpecifiers(text).sort(), ['../b/index.js', './a.js', './c.js', './d.js', './e.js', './f.js']);
});

test('the cycle finder reports a cycle between folders and nothing for a one-way chain', () => {
  const at = (rel: string, text: string) => ({ file: path.join(SRC, rel), text });
  const chain = [at('a/x.ts', "import '../b/y.js';"), at('b/y.ts', "import '../errors.js';"), at('errors.ts', '')];
  assert.deepEqual(cycles(folderGraph(chain)), []);
  const loop = [...chain, at('b/z.ts', "import type { X } from '../a/x.js';")];
  assert.deepEqual(cycles(folderGraph(loop)), [['a', 'b']]);
});

test('no import cycle between the folders of src/', () => {
  const graph = folderGraph(files);
  const found = cycles(graph);
  assert.equal(
    found.length,
    0,
    `import cycles between src/ folders:\n${found.map((c) => describe(graph, c)).join('\n')}`,
  );
});
