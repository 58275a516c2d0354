// SECURITY.md's table "How each claim is tested" names tests by their exact names, each after
// the file that holds it (`tests/...`: "name", "name"). This checks every such name is still a
// test in that file, so renaming a scenario cannot leave the table pointing at nothing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The table rows under "## How each claim is tested". @param {string} markdown */
function tableRows(markdown) {
  const section = markdown.split(/^## /m).find((s) => s.startsWith('How each claim is tested'));
  assert.ok(section, 'SECURITY.md has a "How each claim is tested" section');
  return section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| claim'));
}

/**
 * The (file, name) pairs a row cites: a quoted name belongs to the last `tests/...` path
 * before it.
 * @param {string} row
 */
function citations(row) {
  const pairs = [];
  let file = null;
  for (const token of row.matchAll(/`(tests\/[^`]+)`|"([^"]+)"/g)) {
    if (token[1]) file = token[1];
    else if (file) pairs.push({ file, name: token[2] });
  }
  return pairs;
}

/** Whether `source` (a test file) declares a test called `name`. @param {string} file @param {string} source @param {string} name */
function declares(file, source, name) {
  if (file.endsWith('.rs')) return new RegExp(`fn ${name}\\s*\\(`).test(source);
  return [`'${name}'`, `"${name}"`, `\`${name}\``].some((literal) => source.includes(`it(${literal}`));
}

describe('SECURITY.md', () => {
  it('names only tests that exist, in the files it says', async () => {
    const markdown = await readFile(`${ROOT}SECURITY.md`, 'utf8');
    const cited = tableRows(markdown).flatMap(citations);
    assert.ok(cited.length >= 10, `too few tests cited (${cited.length}): the table format changed?`);
    const missing = [];
    for (const { file, name } of cited) {
      const source = await readFile(`${ROOT}${file}`, 'utf8');
      if (!declares(file, source, name)) missing.push(`${file}: "${name}"`);
    }
    assert.deepEqual(missing, [], 'tests SECURITY.md names that do not exist');
  });
});
