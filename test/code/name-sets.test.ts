/**
 * A file's name sets (code/syntax-index.ts: declaredNames, declaredTwice, parameterNames) and its
 * top-level names (code/bindings.ts topLevelNames) are carried over from the tree an incremental
 * re-parse updated: the names of the statements the edit made anew are taken out and put in, the
 * rest are the previous tree's. Seeded random files are edited many times in a row, with edits that
 * add, duplicate and delete declarations and parameters; after every edit both equal those of a
 * fresh parse of the same text, and the previous tree's sets are what they were.
 */
import { strict as assert } from 'assert';
import * as ts from 'typescript';
import { topLevelNames, topNameStats } from '../../server/src/engine/code/bindings';
import { forgetParsed, parseCode } from '../../server/src/engine/code/parse';
import { nameSetStats, syntaxIndex, updatedFrom } from '../../server/src/engine/code/syntax-index';
import { Random } from '../robustness/support';
import { randomEdit, randomSkill } from './random-skill';

interface Names {
  declared: string[];
  twice: string[];
  parameters: string[];
  /** Each top-level name with where its (first) declaration starts. */
  top: string[];
}

function namesOf(sf: ts.SourceFile): Names {
  const ix = syntaxIndex(sf);
  return {
    declared: [...ix.declaredNames].sort(),
    twice: [...ix.declaredTwice].sort(),
    parameters: [...ix.parameterNames].sort(),
    top: [...topLevelNames(sf)].map(([name, node]) => `${name}@${node.pos}`).sort(),
  };
}

function withoutOffsets(names: Names): Names {
  return { ...names, top: names.top.map((t) => t.replace(/@\d+$/, '')) };
}

/** The names of `text` from a tree of its own (a file the parse cache has not seen). */
function freshNames(file: string, text: string): Names {
  const other = `/fresh/${file}`;
  forgetParsed([other]);
  const names = namesOf(parseCode(other, text).sourceFile);
  forgetParsed([other]);
  return names;
}

const DECLARATIONS = [
  'const phone = 1;',
  'let { email, name: who } = input;',
  'var [a, [b, ...rest]] = list;',
  'function helper(handlerInput, { phone }, ...more) { return phone; }',
  'class Store { keep(value) { this.value = value; } }',
  "const Alexa = require('ask-sdk-core');",
  "import { getSlotValue as slotOf } from 'ask-sdk-core';",
  'const f = function named(x) { return x; };',
  'export const H0 = {};',
  'enum Colour { Red }',
  'const phone = 2, email = 3;',
];

/** An edit of the declarations: one added at the start of a line, or a line holding one deleted. */
function declarationEdit(r: Random, text: string): string {
  const lines = text.split('\n');
  if (r.chance(0.6)) lines.splice(r.int(lines.length + 1), 0, r.pick(DECLARATIONS));
  else {
    const at = lines.map((l, i) => (/^(const|let|var|function|class|import|export|enum) /.test(l) ? i : -1)).filter((i) => i >= 0);
    if (at.length) lines.splice(r.pick(at), 1);
  }
  return lines.join('\n');
}

describe('name sets carried over from the previous tree', () => {
  it('equal those of a fresh parse after every edit, and leave the previous tree its own', () => {
    const before = { ...nameSetStats };
    const topBefore = { ...topNameStats };
    let compared = 0;
    let withTwice = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const r = new Random(seed);
      const files = Object.entries(randomSkill(r)).filter(([f]) => f.endsWith('.js'));
      for (const [name, start] of files) {
        const file = `/names/${seed}/${name.replace(/\.js$/, r.chance(0.3) ? '.ts' : '.js')}`;
        forgetParsed([file]);
        let text = start;
        let previous: { sf: ts.SourceFile; names: Names } | undefined;
        for (let e = 0; e < 40; e++) {
          const sf = parseCode(file, text).sourceFile;
          const got = namesOf(sf);
          assert.deepEqual(got, freshNames(file, text), `seed ${seed} ${name} edit ${e}`);
          // The previous tree's nodes the new one took have moved, so its names are compared without offsets.
          if (previous) assert.deepEqual(withoutOffsets(namesOf(previous.sf)), withoutOffsets(previous.names), `seed ${seed} ${name} edit ${e}: the previous tree's names`);
          previous = { sf, names: got };
          compared++;
          if (got.twice.length) withTwice++;
          text = r.chance(0.5) ? declarationEdit(r, text) : randomEdit(r, text);
        }
        forgetParsed([file]);
      }
    }
    assert.ok(compared > 500, `compared ${compared}`);
    // Names bound twice come and go (the edits duplicate declarations and delete them).
    assert.ok(withTwice > 50 && withTwice < compared, `with a name bound twice ${withTwice} of ${compared}`);
    // Most trees took the previous tree's counts, and its top-level names.
    const carried = nameSetStats.carried - before.carried;
    assert.ok(carried > compared / 2, `carried over ${carried} of ${compared}`);
    const names = topNameStats.carried - topBefore.carried;
    assert.ok(names > compared / 2, `top-level names carried over ${names} of ${compared}`);
  });

  it('moves a name to the declaration that is first now: one made anew before it, the next one after a first one deleted', () => {
    const file = '/names/first.js';
    forgetParsed([file]);
    let text = 'const a = 1;\nfunction f() { return a; }\nconst phone = 2;\nconst b = 3;\nconst phone = 4;\n';
    const check = (what: string, carried: boolean): void => {
      const before = { ...topNameStats };
      const sf = parseCode(file, text).sourceFile;
      assert.deepEqual(namesOf(sf), freshNames(file, text), what);
      // The first `phone` of the text is the one the map gives.
      assert.equal(topLevelNames(sf).get('phone')?.getStart(sf), text.indexOf('const phone =') + 'const '.length, what);
      assert.equal(topNameStats.carried - before.carried, carried ? 1 : 0, `${what}: carried over`);
    };
    check('the first tree', false);
    // A declaration typed above the first one: it is the first now.
    text = text.replace('function f()', 'const phone = 0;\nfunction f()');
    check('one made anew before the first', true);
    // Deleted again: the one after the edit is the first again.
    text = text.replace('const phone = 0;\n', '');
    check('the new one deleted', true);
    // The first one deleted: the next one, after the edit, is the first.
    text = text.replace('const phone = 2;\n', '');
    check('the first one deleted', true);
    forgetParsed([file]);
  });

  it('counts every statement again when an edit makes more than 64 of them anew', () => {
    const file = '/names/many.js';
    forgetParsed([file]);
    const decls = (prefix: string): string => Array.from({ length: 80 }, (_, i) => `const ${prefix}${i} = (p${i}) => p${i};`).join('\n');
    const one = `${decls('a')}\nconst a0 = 1;\n`;
    syntaxIndex(parseCode(file, one).sourceFile).declaredNames;
    // All 80 statements retyped: fresh counts.
    const two = `${decls('b')}\nconst b0 = 1;\n`;
    const wantTwo = freshNames(file, two);
    let before = { ...nameSetStats };
    const sf = parseCode(file, two).sourceFile;
    assert.deepEqual(namesOf(sf), wantTwo);
    assert.deepEqual(nameSetStats, { carried: before.carried, counted: before.counted + 1 });
    assert.deepEqual([...syntaxIndex(sf).declaredTwice], ['b0']);
    // One statement changed: carried over, and the name bound twice is gone with its second declaration.
    const three = two.replace('const b0 = 1;', 'const c = 1;');
    const wantThree = freshNames(file, three);
    before = { ...nameSetStats };
    const next = parseCode(file, three).sourceFile;
    assert.deepEqual(namesOf(next), wantThree);
    assert.deepEqual(nameSetStats, { carried: before.carried + 1, counted: before.counted });
    assert.deepEqual([...syntaxIndex(next).declaredTwice], []);
    assert.ok(syntaxIndex(next).parameterNames.has('p79') && syntaxIndex(next).declaredNames.has('c'));
    forgetParsed([file]);
  });

  it('takes the previous counts over once: a second tree linked to the same tree counts afresh', () => {
    const file = '/names/twice.js';
    forgetParsed([file]);
    const first = parseCode(file, 'const a = 1;\nconst b = (x) => x;\n').sourceFile;
    syntaxIndex(first).declaredNames;
    const next = parseCode(file, 'const a = 1;\nconst b = (y) => y;\n').sourceFile;
    let before = { ...nameSetStats };
    assert.deepEqual([...syntaxIndex(next).parameterNames], ['y']);
    assert.deepEqual(nameSetStats, { carried: before.carried + 1, counted: before.counted });
    // Another tree said to be updated from `first` (whose counts `next` took): its own count.
    const other = parseCode('/names/other.js', 'const a = 1;\nconst a2 = (z) => z;\n').sourceFile;
    updatedFrom(other, first);
    before = { ...nameSetStats };
    assert.deepEqual(namesOf(other), { declared: ['a', 'a2'], twice: [], parameters: ['z'], top: ['a2@18', 'a@5'] });
    assert.deepEqual(nameSetStats, { carried: before.carried, counted: before.counted + 1 });
    forgetParsed([file, '/names/other.js']);
  });
});
