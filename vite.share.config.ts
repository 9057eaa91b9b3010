import { resolve } from 'node:path'
import { defineConfig, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import { kindTokensCss } from './src/renderer/src/styles/kinds'

// The shared replay page's bundle (src/main/core/share inlines it into every exported file):
// the renderer's share entry as ONE classic script and ONE stylesheet in out/share/, with no
// chunk, no asset file and no dynamic import, so the page makes no request of any kind.

const KIND_TOKENS = 'virtual:kind-tokens.css'

/** The kind colour tokens as a CSS module (the app adds them at run time; this page cannot). */
function kindTokens(): Plugin {
  return {
    name: 'tracedeck-kind-tokens',
    resolveId: (id) => (id === KIND_TOKENS ? `\0${KIND_TOKENS}` : undefined),
    load: (id) => (id === `\0${KIND_TOKENS}` ? kindTokensCss() : undefined),
  }
}

export default defineConfig({
  root: resolve('src/renderer'),
  plugins: [react(), kindTokens()],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: resolve('out/share'),
    emptyOutDir: true,
    assetsInlineLimit: Number.MAX_SAFE_INTEGER,
    cssCodeSplit: false,
    modulePreload: false,
    sourcemap: false,
    lib: {
      entry: resolve('src/renderer/src/share/main.tsx'),
      formats: ['iife'],
      name: 'tracedeckShare',
      fileName: () => 'share.js',
      cssFileName: 'share',
    },
  },
})
