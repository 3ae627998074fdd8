import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../src/app/paths';
import { TABLES } from '../../src/storage/tables';

// docs/security.md lists what personal data each table holds, for the County Governor's DPIA: a
// table the code creates but the list lacks would be personal data nobody was told about.
describe('the data protection notes in docs/security.md', () => {
  it('list exactly the tables the bot creates, in its order', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'security.md'), 'utf8');
    const section = /<!-- tables:start -->([\s\S]*?)<!-- tables:end -->/.exec(doc);
    assert.ok(section, 'docs/security.md has the <!-- tables:start --> … <!-- tables:end --> list');
    const listed = [...section[1].matchAll(/^\| `([A-Za-z]+)` \|/gm)].map((m) => m[1]);
    assert.deepEqual(listed, [...TABLES]);
  });
});
