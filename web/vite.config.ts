import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The web application (issue 7), built by `vite build web` into web/dist, which the Anylib
 * server serves at `/` (src/platform/http/web-app.ts). In development, `npx vite web` serves it
 * with hot reload and sends the API's paths to a running `anylib serve` on port 8080.
 */
const api = process.env.ANYLIB_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Hashed file names under assets/ are cached for a year by the server; index.html never.
    assetsDir: 'assets',
    sourcemap: true,
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: Object.fromEntries(['/api', '/sru', '/oai', '/openurl', '/iso18626', '/docs', '/openapi.json'].map((p) => [p, api])),
  },
});
