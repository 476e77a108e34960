/**
 * The sprint-shape gadget's initial JavaScript, gzipped: the entry chunk index.html loads, plus the GadgetView
 * chunk main.tsx lazy-loads and every chunk those import statically (what the browser must fetch before the
 * gadget can draw). Read from the built files, so it measures what Forge would serve.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** `import{a as b}from"./x.js"` and `import"./x.js"` in Vite's output; `import("./x.js")` (lazy) is not matched. */
const STATIC_IMPORT = /import\s*(?:[^"'();]*?from\s*)?["']\.\/([^"']+\.js)["']/g;

const staticImports = (source: string): string[] => [...new Set([...source.matchAll(STATIC_IMPORT)].map((match) => match[1]))];

/** The chunk plus everything it imports statically, transitively. */
function closure(assets: string, entry: string, seen: Set<string>): void {
  if (seen.has(entry)) return;
  seen.add(entry);
  for (const file of staticImports(readFileSync(path.join(assets, entry), 'utf8'))) closure(assets, file, seen);
}

const sizeOf = (assets: string, file: string): ChunkSize => {
  const bytes = readFileSync(path.join(assets, file));
  return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
};

export function gadgetInitialJs(buildDir: string): { chunks: ChunkSize[]; totalGzipBytes: number } | null {
  const html = path.join(buildDir, 'index.html');
  if (!existsSync(html)) return null;
  const entry = /<script[^>]*src="\.\/assets\/([^"]+\.js)"/.exec(readFileSync(html, 'utf8'))?.[1];
  if (!entry) return null;
  const assets = path.join(buildDir, 'assets');
  const files = new Set<string>();
  closure(assets, entry, files);
  const mainSource = readFileSync(path.join(assets, entry), 'utf8');
  const gadgetChunk = /["']\.\/(GadgetView-[^"']+\.js)["']/.exec(mainSource)?.[1];
  if (gadgetChunk) closure(assets, gadgetChunk, files);
  const chunks = [...files].map((file) => sizeOf(assets, file)).sort((a, b) => b.gzipBytes - a.gzipBytes);
  return { chunks, totalGzipBytes: chunks.reduce((sum, chunk) => sum + chunk.gzipBytes, 0) };
}
