import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * Graphic Walker hardcodes two URLs of other origins: the Kanaries logo (imagedelivery.net) and
 * leaflet.css (unpkg.com). Quarry serves copies from its own origin (web/public/vendor/, the logo
 * being Graphic Walker's own bundled fallback image, leaflet.css byte-identical so its integrity
 * hash still holds), and these plugins rewrite the two strings in the package (build and dev server).
 */
const SELF_HOSTED: [string, string][] = [
  [
    'https://imagedelivery.net/tSvh1MGEu9IgUanmf58srQ/b6bc899f-a129-4c3a-d08f-d406166d0c00/public',
    '/vendor/graphic-walker/kanaries-logo.png',
  ],
  ['https://unpkg.com/leaflet@1.9.4/dist/leaflet.css', '/vendor/leaflet/leaflet.css'],
];

function rewriteGraphicWalkerUrls(code: string, id: string): { code: string; map: null } | null {
  if (!id.includes('@kanaries/graphic-walker') || !SELF_HOSTED.some(([from]) => code.includes(from))) {
    return null;
  }
  let patched = code;
  for (const [from, to] of SELF_HOSTED) {
    patched = patched.split(from).join(to);
  }
  return { code: patched, map: null };
}

// The build runs it as a Vite plugin; the dev server's dependency pre-bundling (rolldown) needs it too.
function selfHostGraphicWalkerAssets(): Plugin {
  return {
    name: 'quarry-self-host-graphic-walker-assets',
    enforce: 'pre',
    transform(code, id) {
      return rewriteGraphicWalkerUrls(code, id);
    },
  };
}

function selfHostGraphicWalkerAssetsInDeps() {
  return {
    name: 'quarry-self-host-graphic-walker-assets-deps',
    transform(code: string, id: string) {
      return rewriteGraphicWalkerUrls(code, id);
    },
  };
}

// Dev loop: `npm run dev` serves on :5173 and proxies /api to the Quarry server on :8000.
export default defineConfig({
  plugins: [react(), selfHostGraphicWalkerAssets()],
  optimizeDeps: {
    rolldownOptions: { plugins: [selfHostGraphicWalkerAssetsInDeps()] },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: 'http://localhost:8000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The grid (glide-data-grid) is lazy-loaded with the dataset view; it is the largest chunk.
    chunkSizeWarningLimit: 800,
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    testTimeout: 5000,
  },
});
