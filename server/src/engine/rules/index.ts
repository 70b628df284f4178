import { Rule } from '../rule';
import invalidPrivacyPolicyUrl from './invalid-privacy-policy-url';
import manifestSchema from './manifest-schema';
import missingPrivacyPolicy from './missing-privacy-policy';
import modelSchema from './model-schema';
import parseError from './parse-error';

/** Every rule, sorted by id. Add a rule here, in order; the meta-test checks tests and docs exist. */
export const RULES: Rule[] = [
  invalidPrivacyPolicyUrl,
  manifestSchema,
  missingPrivacyPolicy,
  modelSchema,
  parseError,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
