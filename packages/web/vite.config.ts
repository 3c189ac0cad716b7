import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { splitMessages } from './build/split-messages.ts';
import { en } from './src/messages.ts';

// The clinical core is pure by design (no I/O, no module-level effects): telling the bundler so
// lets it drop what a page does not use, which keeps the portal's first load small.
const coreIsPure: Plugin = {
  name: 'exoclinic-core-is-pure',
  transform(code, id) {
    if (id.includes('/packages/core/src/')) return { code, map: null, moduleSideEffects: false };
    return null;
  },
};

export default defineConfig({
  // The portal's first load carries only the words outside the staff workspace (see the plugin).
  plugins: [
    react(),
    coreIsPure,
    splitMessages({ srcDir: fileURLToPath(new URL('./src', import.meta.url)), messages: en }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' },
  },
});
