// The web UI (docs/ui.md): `npm run build:web` writes web/dist, which `marsad serve` serves at /.
// `npx vite --config web/vite.config.ts` runs a dev server that proxies /api to a running
// `marsad serve` (MARSAD_API, default http://127.0.0.1:8080).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // relative asset URLs: the UI works wherever the server mounts it
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // everything is bundled: no CDN, no fonts or maps fetched at run time
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/api': { target: process.env.MARSAD_API ?? 'http://127.0.0.1:8080', changeOrigin: true } },
  },
  logLevel: process.env.VITEST ? 'warn' : 'info',
});
