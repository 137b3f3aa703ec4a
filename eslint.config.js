// @ts-check
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'web/dist/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { alwaysTryTypes: true }, node: true },
      'boundaries/include': ['src/**/*.ts'],
      'boundaries/elements': [
        { type: 'module', pattern: 'src/modules/*', mode: 'folder', capture: ['name'] },
        { type: 'platform', pattern: 'src/platform', mode: 'folder' },
        { type: 'app', pattern: 'src/app', mode: 'folder' },
        { type: 'cli', pattern: 'src/cli', mode: 'folder' },
      ],
    },
    rules: {
      // Modules import each other only through their index.ts (STYLE.md §2).
      'boundaries/entry-point': [
        'error',
        {
          default: 'allow',
          rules: [{ target: ['module'], disallow: ['**'], message: 'Another module is imported only through its index.ts' }, { target: ['module'], allow: ['index.ts'] }],
        },
      ],
      // The platform knows no module; modules never reach into the composition root or the CLI.
      'boundaries/element-types': [
        'error',
        {
          default: 'allow',
          rules: [
            { from: ['platform'], disallow: ['module', 'app', 'cli'] },
            { from: ['module'], disallow: ['app', 'cli'] },
          ],
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
