import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web app (apps/web): `npm run build:web` writes it to dist/web, which the API serves at / from its
 * own origin (apps/api/src/web/web-app.ts). `npm run dev:web` serves it with hot reload and sends /api
 * to the API on localhost:3000. TSX goes through Vite's own transform (no React plugin: see ADR 12).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // Ant Design marks its modules "use client" for React Server Components; meaningless in this bundle.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
