import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../../../platform/paths.js';
import { generatedSectionsOf, stateMachineDocSections } from './doc-sections.js';

describe('docs/ill.md', () => {
  it('shows the state machines as the code has them (regenerate: npx tsx src/modules/ill/domain/state/write-doc-sections.ts)', () => {
    const doc = readFileSync(fromRoot('docs/ill.md'), 'utf8');
    expect(generatedSectionsOf(doc)).toEqual(stateMachineDocSections());
  });
});
