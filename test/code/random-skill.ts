/**
 * Seeded random skills built from the ways real handlers share data (the session, the response,
 * module-level caches and closures, class instances, helpers that speak, a second module): for the
 * differential tests of the data flow's second round and of its reuse between runs.
 */
import { Random } from '../robustness/support';

export type Files = Record<string, string>;

export const HEAD = `const Alexa = require('ask-sdk-core');\nconst axios = require('axios');\n`;
export const slot = (name: string): string => `Alexa.getSlotValue(handlerInput.requestEnvelope, '${name}')`;

const KEYS = ['phone', 'email', 'step', 'name'];
const SLOTS = ['phone', 'email', 'name', 'color'];

/** One entry point (or shared helper) of a random skill, as real handlers share data. */
function block(r: Random, i: number, moduleWrites: boolean): string {
  const k = r.pick(KEYS);
  const s = r.pick(SLOTS);
  let kind = r.int(16);
  // Kinds 6, 8 and 12 write module state (a cache object, a closure, an array).
  if (!moduleWrites && (kind === 6 || kind === 8 || kind === 12)) kind = [1, 3, 14][[6, 8, 12].indexOf(kind)];
  const h = (body: string, async = false): string =>
    `const H${i} = {\n  canHandle(handlerInput) { return Alexa.getIntentName(handlerInput.requestEnvelope) === 'I${i}'; },\n  ${async ? 'async ' : ''}handle(handlerInput) {\n${body}\n  },\n};\n`;
  switch (kind) {
    case 0:
      return h(`    const s = handlerInput.attributesManager.getSessionAttributes();\n    s.${k} = ${slot(s)};\n    handlerInput.attributesManager.setSessionAttributes(s);\n    return handlerInput.responseBuilder.speak('ok').getResponse();`);
    case 1:
      return h(`    const s = handlerInput.attributesManager.getSessionAttributes();\n    console.log('${k}', s.${k});\n    return handlerInput.responseBuilder.speak('ok').getResponse();`);
    case 2:
      return h(`    const { ${k} } = handlerInput.attributesManager.getSessionAttributes();\n    await axios.post('https://api.example-${i}.com/x', { ${k} });\n    return handlerInput.responseBuilder.getResponse();`, true);
    case 3:
      return h(`    return handlerInput.responseBuilder.speak(\`You said \${${slot(s)}}\`).reprompt('More?').getResponse();`);
    case 4:
      return `const R${i} = {\n  process(handlerInput, response) {\n    console.log(JSON.stringify(response));\n  },\n};\n`;
    case 5:
      return h(`    const out = reply${r.int(2)}(handlerInput, ${r.chance(0.5) ? slot(s) : "'fine'"});\n    ${r.chance(0.5) ? "console.log('sent', out);" : ''}\n    return out;`);
    case 6:
      return h(`    cache.${k} = ${slot(s)};\n    return handlerInput.responseBuilder.speak('ok').getResponse();`);
    case 7:
      return h(`    console.log(cache.${k});\n    return handlerInput.responseBuilder.getResponse();`);
    case 8:
      return h(`    box.set(${slot(s)});\n    return handlerInput.responseBuilder.getResponse();`);
    case 9:
      return h(`    axios.post('https://box.example.com', { v: box.get() });\n    return handlerInput.responseBuilder.getResponse();`);
    case 10:
      return h(`    return H${Math.max(0, i - 1 - r.int(3))}.handle(handlerInput);`);
    case 11:
      return `class Store${i} {\n  keep(handlerInput) { this.${k} = ${slot(s)}; handlerInput.attributesManager.getSessionAttributes().${k} = this.${k}; }\n  show() { console.log(this.${r.pick(KEYS)}); }\n}\n`;
    case 12:
      return h(`    events.push(${slot(s)});\n    return handlerInput.responseBuilder.getResponse();`);
    case 13:
      return h(`    const attributes = await handlerInput.attributesManager.getPersistentAttributes();\n    attributes.${k} = handlerInput.attributesManager.getSessionAttributes().${k};\n    handlerInput.attributesManager.setPersistentAttributes(attributes);\n    await handlerInput.attributesManager.savePersistentAttributes();\n    return handlerInput.responseBuilder.getResponse();`, true);
    case 14:
      return h(`    const r = handlerInput.responseBuilder.speak(${slot(s)}).getResponse();\n    console.log('response', r);\n    return r;`);
    default:
      return h(`    return handlerInput.responseBuilder.speak('Hello').getResponse();`);
  }
}

/** A random skill; without `moduleWrites` no entry point writes module state. */
export function randomSkill(r: Random, moduleWrites = true): Files {
  const n = 3 + r.int(9);
  const blocks = Array.from({ length: n }, (_, i) => block(r, i, moduleWrites));
  const shared = `const cache = {};\nconst events = [];\nconst box = (() => { let v; return { set(x) { v = x; }, get() { return v; } }; })();\nfunction reply0(handlerInput, t) { return handlerInput.responseBuilder.speak(t).getResponse(); }\nfunction reply1(handlerInput, t) { const r = handlerInput.responseBuilder.speak(t); return r.getResponse(); }\n`;
  const flush = r.chance(0.3) ? `const Flush = {\n  process() { axios.post('https://flush.example.com', events); }\n};\n` : '';
  if (r.chance(0.4)) {
    // Some of the entry points in a second module, required by the first.
    const cut = 1 + r.int(n - 1);
    const names = (bs: string[]): string[] => bs.map((b) => /^(?:const|class) (\w+)/.exec(b)![1]);
    const lib = blocks.slice(cut);
    return {
      'index.js': `${HEAD}const lib = require('./lib');\n${shared}${blocks.slice(0, cut).join('\n')}${flush}module.exports = { ${names(blocks.slice(0, cut)).join(', ')}, lib };\n`,
      'lib.js': `${HEAD}${shared}${lib.join('\n')}module.exports = { ${names(lib).join(', ')} };\n`,
    };
  }
  return { 'index.js': `${HEAD}${shared}${blocks.join('\n')}${flush}` };
}

/** Positions of every match of `re` in `text`. */
function matches(text: string, re: RegExp): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(re)) out.push(m.index! + (m[1] !== undefined ? m[0].indexOf(m[1]) : 0));
  return out;
}

const STATEMENTS = [
  `console.log('got', ${slot('phone')});`,
  `handlerInput.attributesManager.getSessionAttributes().email = ${slot('email')};`,
  `cache.name = ${slot('name')};`,
  `axios.post('https://api.example.com/v', { v: ${slot('color')} });`,
  `const said = handlerInput.responseBuilder.speak(\`Hi \${${slot('name')}}\`);`,
  `events.push('ping');`,
  `console.log(handlerInput.attributesManager.getSessionAttributes().phone);`,
];

/** One random edit of `text`, as a developer makes them. */
export function randomEdit(r: Random, text: string): string {
  const at = (ps: number[]): number | undefined => (ps.length ? r.pick(ps) : undefined);
  switch (r.int(8)) {
    case 0:
    case 1: {
      // A letter typed into a string, or one deleted from it.
      const p = at(matches(text, /'[^'\n]+'/g));
      if (p === undefined) return text;
      return r.chance(0.5) ? `${text.slice(0, p + 1)}${r.pick(['x', 'é', ' ', 'q'])}${text.slice(p + 1)}` : `${text.slice(0, p + 1)}${text.slice(p + 2)}`;
    }
    case 2: {
      // A slot or property name changed.
      const p = at(matches(text, /\b(phone|email|name|color|step)\b/g));
      if (p === undefined) return text;
      const word = /^\w+/.exec(text.slice(p))![0];
      return `${text.slice(0, p)}${r.pick(['phone', 'email', 'name', 'color', 'step'].filter((w) => w !== word))}${text.slice(p + word.length)}`;
    }
    case 3: {
      // A statement added at the start of a handler.
      const p = at(matches(text, /handle\(handlerInput\) \{\n/g));
      if (p === undefined) return text;
      const q = text.indexOf('\n', p) + 1;
      return `${text.slice(0, q)}    ${r.pick(STATEMENTS)}\n${text.slice(q)}`;
    }
    case 4: {
      // A line deleted (often breaking the syntax).
      const lines = text.split('\n');
      lines.splice(r.int(lines.length), 1);
      return lines.join('\n');
    }
    case 5: {
      // A character that breaks the syntax, typed anywhere.
      const p = r.int(text.length + 1);
      return `${text.slice(0, p)}${r.pick(['(', '{', '`', "'", ';'])}${text.slice(p)}`;
    }
    case 6: {
      // A handler's speech made to carry a slot, or a slot's speech made plain.
      const p = at(matches(text, /speak\(/g));
      if (p === undefined) return text;
      const q = p + 'speak('.length;
      return `${text.slice(0, q)}${r.chance(0.5) ? `${slot('phone')} + ` : "'plain ' + "}${text.slice(q)}`;
    }
    default: {
      // A character deleted anywhere (and the deletion undone by the next such edit elsewhere).
      const p = r.int(Math.max(1, text.length));
      return `${text.slice(0, p)}${text.slice(p + 1)}`;
    }
  }
}
