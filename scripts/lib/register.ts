/**
 * Lets Node 24 run the site's TypeScript modules directly: `src/` imports its siblings without file
 * extensions (Vite resolves them), so this hook retries an extensionless relative import as `.ts`,
 * then as `/index.ts`. Loaded with `node --import ./scripts/lib/register.ts`.
 */
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    const relative = specifier.startsWith('./') || specifier.startsWith('../');
    // Packages resolve their own files (a CommonJS `require('./server')` must not become `./server.ts`).
    if (context.parentURL?.includes('/node_modules/')) return nextResolve(specifier, context);
    if (!relative || /\.[cm]?[jt]sx?$|\.json$/.test(specifier)) return nextResolve(specifier, context);
    for (const candidate of [`${specifier}.ts`, `${specifier}/index.ts`, specifier]) {
      try {
        return nextResolve(candidate, context);
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw err;
      }
    }
    return nextResolve(specifier, context);
  },
});
