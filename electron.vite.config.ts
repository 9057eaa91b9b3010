import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// One build for every front door: the Electron main process, the CLI and the import worker
// share the main build (core code is bundled once per entry, better-sqlite3 stays external);
// the preload is its own bundle; the renderer is a plain web bundle the browser host serves too.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          cli: resolve('src/cli/index.ts'),
          'import-worker': resolve('src/main/core/import/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
    // UI development in a browser talks to a real library: run `tracedeck serve --port 4173`, then
    // open the dev server's page with that run's `?token=…`. /api goes to the real host (its Host
    // and Origin checks see the host's own address).
    server: {
      proxy: {
        '/api': {
          target: process.env.TRACEDECK_DEV_HOST ?? 'http://127.0.0.1:4173',
          changeOrigin: true,
          configure: (proxy) => proxy.on('proxyReq', (req) => req.removeHeader('origin')),
        },
      },
    },
  },
})
