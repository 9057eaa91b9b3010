// Lint rules that enforce the process boundaries (STYLE.md, habit 1):
// - src/shared imports nothing outside src/shared (no electron, node:, DOM-only code);
// - the renderer never imports electron, node: builtins or main/preload/cli code;
// - core (src/main/core, src/main/host, src/cli) never imports electron.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'http', 'crypto', 'url', 'stream']

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', '.bench/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['**/*.js', 'scripts/**', 'bin/**', 'test/**', 'src/main/**', 'src/cli/**', 'src/preload/**', '*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'The renderer never imports electron.' },
            { group: nodeBuiltins, message: 'The renderer never imports Node built-ins.' },
            { group: ['**/main/**', '**/preload/**', '**/cli/**'], message: 'The renderer talks to the host only through the API contract.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'Shared code imports nothing process-specific.' },
            { group: nodeBuiltins, message: 'Shared code runs in every process: no Node built-ins.' },
            { group: ['**/main/**', '**/preload/**', '**/cli/**', '**/renderer/**', 'react', 'react-dom'], message: 'Shared code imports only shared code and pure libraries.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/core/**', 'src/main/host/**', 'src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'Core, the browser host and the CLI never import electron.' },
            { group: ['**/renderer/**'], message: 'Node code does not import the renderer.' },
          ],
        },
      ],
    },
  },
)
