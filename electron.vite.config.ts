import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const r = (p: string) => resolve(__dirname, p);

/**
 * Our roots are not electron-vite's defaults, so every entry is named. Main builds three Node
 * entries: the Electron app, the CLI (also `serve`) and the engine worker. Chunks stay beside the
 * entries so `__dirname` is out/main everywhere, and node_modules plus the bundler runtime go to a
 * vendor chunk so a worker never re-executes the app entry (stack-notes §7.3).
 */
export default defineConfig({
  main: {
    build: {
      outDir: r('out/main'),
      rollupOptions: {
        input: {
          index: r('src-main/app/main.ts'),
          cli: r('src-main/cli/index.ts'),
          'engine-worker': r('src-main/engine/worker.ts'),
          'schedule-worker': r('src-main/engine/scheduleWorker.ts'),
          'info-worker': r('src-main/info/worker.ts'),
          'schedules-worker': r('src-main/schedules/worker.ts'),
        },
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: '[name]-[hash].js',
          codeSplitting: {
            groups: [{ name: (id: string) => (id.includes('rolldown/runtime') || id.includes('node_modules') ? 'vendor' : null) }],
          },
        },
      },
    },
  },
  preload: {
    build: {
      outDir: r('out/preload'),
      rollupOptions: { input: { index: r('src-main/preload/index.ts') } },
    },
  },
  renderer: {
    root: r('src-renderer'),
    plugins: [react()],
    build: {
      outDir: r('out/renderer'),
      rollupOptions: { input: { index: r('src-renderer/index.html') } },
    },
  },
});
