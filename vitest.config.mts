import { defineConfig } from 'vitest/config';

// WebAssembly relaxed SIMD (the engine's fused sparse kernels) ships with Node 22; Node 20 has it behind a flag.
const relaxedSimd = Number(process.versions.node.split('.')[0]) < 22 ? ['--experimental-wasm-relaxed-simd'] : [];

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'test/bench/**', 'node_modules/**'],
    testTimeout: 60_000,
    pool: 'forks',
    execArgv: relaxedSimd,
  },
});
