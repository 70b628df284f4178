/** Skill files for the permission and consent rule tests. */

/** A plain skill.json; `permissions` undefined leaves the key out. */
export function manifest(permissions?: string[], key = 'manifest'): string {
  const perms =
    permissions === undefined
      ? ''
      : permissions.length === 0
        ? `,
    "permissions": []`
        : `,
    "permissions": [
${permissions.map((p) => `      { "name": "${p}" }`).join(',\n')}
    ]`;
  return `{
  "${key}": {
    "publishingInformation": {
      "locales": { "en-US": { "name": "Corner Shop" } }
    },
    "apis": { "custom": {} }${perms}
  }
}
`;
}

/** An ask-sdk v2 intent handler around `body` (indented four spaces). */
export function v2Handler(name: string, body: string, params = 'handlerInput'): string {
  return `const ${name}Handler = {
  canHandle(handlerInput) {
    return Alexa.getIntentName(handlerInput.requestEnvelope) === '${name}';
  },
  async handle(${params}) {
${body}
  },
};
`;
}

export const HEADER = "const Alexa = require('ask-sdk-core');\n\n";
