import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Browser tests drive a real Chromium on a 2-core CI machine: one retry under CI absorbs a
    // starved frame; a real failure still fails twice and turns the run red.
    retry: process.env.CI ? 1 : 0,
  },
})
