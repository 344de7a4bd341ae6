// The folder is the environment (architecture.md): these rules make a boundary crossing fail `npm run lint`.
import tseslint from 'typescript-eslint';

const forbid = (files, ...patterns) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'resources/**', 'bin/**', 'test/bench/**/*.py'] },
  { files: ['**/*.{ts,tsx,mts}'], extends: [tseslint.configs.base] },
  forbid(['src-shared/**/*.ts'], {
    group: ['electron', 'node:*', 'fs', 'path', 'os', 'worker_threads', 'better-sqlite3', 'gpu.js', 'react', 'react-dom', 'recharts', 'ws', 'pngjs', '**/src-main/**', '**/src-renderer/**'],
    message: 'src-shared is environment-free: no Electron, Node, DOM, GPU, storage or UI imports.',
  }),
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Take a seeded generator (math/rng): runs must be reproducible from their stored seed.' }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'console', 'setTimeout', 'require'],
    },
  },
  forbid(['src-renderer/**/*.{ts,tsx}'], {
    group: ['electron', 'node:*', 'fs', 'path', 'os', 'better-sqlite3', 'ws', '**/src-main/**'],
    message: 'The renderer reaches main only through the LabApi client.',
  }),
  forbid(['src-main/**/*.ts'], {
    group: ['react', 'react-dom', 'recharts', '**/src-renderer/**'],
    message: 'Main never imports UI code.',
  }),
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/app/**', 'src-main/preload/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only src-main/app (and the preload) import electron; the rest of main runs under plain Node.' }],
        patterns: [{ group: ['react', 'react-dom', 'recharts', '**/src-renderer/**'], message: 'Main never imports UI code.' }],
      }],
    },
  },
  forbid(['src-main/preload/**/*.ts'], {
    regex: '^(?!electron$|\\.\\./\\.\\./src-shared/ipc/(channels|contract)$)',
    allowTypeImports: true,
    message: 'Preload imports only electron and src-shared/ipc.',
  }),
);
