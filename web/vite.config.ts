import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Dev loop: `npm run dev` serves on :5173 and proxies /api to the Quarry server on :8000.
export default defineConfig({
  plugins: [react()],
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
