import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Plugin } from 'vite';

// The UI's words live in one file (src/messages.ts), most of them staff-only. Shipping all of them
// in the first load made every patient download the staff workspace's vocabulary. At build time
// this plugin splits the table in two, with `t()` unchanged and synchronous:
//  - the shared part: every key that a module outside src/staff/ (or a staff module those import)
//    names, as a string literal or as the prefix of a template (`role.${r}` takes every role.*);
//  - the rest, which every other module (the staff workspace) imports before its own code runs.
// A staff page therefore always has every word; a portal or shared module has every word it names.

const REST_ID = '\0staff-messages';
const SOURCE = /\.(ts|tsx)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return SOURCE.test(e.name) ? [path] : [];
  });
}

/** Relative imports that run code (type-only imports are kept too: they can only add). */
function relativeImports(file: string, code: string): string[] {
  const specs = [...code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?['"](\.{1,2}\/[^'"]+)['"]/g)].map(
    (m) => m[1]!,
  );
  return specs.flatMap((spec) => {
    const base = resolve(dirname(file), spec);
    const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find(
      (p) => SOURCE.test(p) && existsSync(p),
    );
    return found ? [found] : [];
  });
}

/** Keys a module names: string literals that are keys, and every key under a template's prefix. */
function keysNamed(code: string, keys: readonly string[]): Set<string> {
  const known = new Set(keys);
  const named = new Set<string>();
  for (const m of code.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"/g)) {
    const s = m[1] ?? m[2] ?? '';
    if (known.has(s)) named.add(s);
  }
  for (const m of code.matchAll(/`([^`$]*)(\$\{)?/g)) {
    const head = m[1] ?? '';
    if (!m[2]) {
      if (known.has(head)) named.add(head);
    } else if (head.includes('.')) {
      for (const k of keys) if (k.startsWith(head)) named.add(k);
    }
  }
  return named;
}

export function splitMessages(options: { srcDir: string; messages: Record<string, string> }): Plugin {
  const srcDir = resolve(options.srcDir);
  const messagesFile = join(srcDir, 'messages.ts');
  const staffDir = join(srcDir, 'staff');
  const keys = Object.keys(options.messages);
  let shared = new Set<string>();
  let sharedKeys = new Set<string>();

  return {
    name: 'exoclinic-split-messages',
    apply: 'build',
    buildStart() {
      const files = sourceFiles(srcDir);
      const code = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
      // Modules outside the staff workspace, and everything they import.
      shared = new Set();
      const queue = files.filter((f) => !f.startsWith(`${staffDir}/`) && f !== messagesFile);
      while (queue.length) {
        const f = queue.pop()!;
        if (shared.has(f)) continue;
        shared.add(f);
        for (const dep of relativeImports(f, code.get(f) ?? '')) if (!shared.has(dep)) queue.push(dep);
      }
      shared.delete(messagesFile);
      sharedKeys = new Set();
      for (const f of shared) for (const k of keysNamed(code.get(f) ?? '', keys)) sharedKeys.add(k);
    },
    resolveId(id) {
      return id === REST_ID ? { id: REST_ID, moduleSideEffects: true } : null;
    },
    load(id) {
      if (id !== REST_ID) return null;
      const rest = Object.fromEntries(Object.entries(options.messages).filter(([k]) => !sharedKeys.has(k)));
      return {
        code: `import { en } from ${JSON.stringify(messagesFile)};\nObject.assign(en, ${JSON.stringify(rest)});\n`,
        moduleSideEffects: true,
      };
    },
    transform(code, id) {
      const file = id.split('?')[0]!;
      if (file === messagesFile) {
        const part = Object.fromEntries(Object.entries(options.messages).filter(([k]) => sharedKeys.has(k)));
        return { code: `export const en = ${JSON.stringify(part)};\n`, map: null };
      }
      if (!file.startsWith(`${srcDir}/`) || !SOURCE.test(file) || shared.has(file)) return null;
      return { code: `import ${JSON.stringify(REST_ID)};\n${code}`, map: null };
    },
  };
}
