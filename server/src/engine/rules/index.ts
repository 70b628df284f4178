import { Rule } from '../rule';
import childDirectedDataCollection from './child-directed-data-collection';
import consentNotChecked from './consent-not-checked';
import freeFormCapture from './free-form-capture';
import invalidPrivacyPolicyUrl from './invalid-privacy-policy-url';
import manifestSchema from './manifest-schema';
import missingPrivacyPolicy from './missing-privacy-policy';
import modelSchema from './model-schema';
import noDataDeletion from './no-data-deletion';
import parseError from './parse-error';
import permissionNotDeclared from './permission-not-declared';
import permissionUnused from './permission-unused';
import personalDataPersisted from './personal-data-persisted';
import personalDataShared from './personal-data-shared';
import personalDataSlot from './personal-data-slot';
import personalInfoFlagMismatch from './personal-info-flag-mismatch';
import proactiveStateReporting from './proactive-state-reporting';
import sensitiveDataSlot from './sensitive-data-slot';
import speechRequestsPersonalData from './speech-requests-personal-data';
import voiceDataLogged from './voice-data-logged';

/** Every rule, sorted by id. Add a rule here, in order; the meta-test checks tests and docs exist. */
export const RULES: Rule[] = [
  childDirectedDataCollection,
  consentNotChecked,
  freeFormCapture,
  invalidPrivacyPolicyUrl,
  manifestSchema,
  missingPrivacyPolicy,
  modelSchema,
  noDataDeletion,
  parseError,
  permissionNotDeclared,
  permissionUnused,
  personalDataPersisted,
  personalDataShared,
  personalDataSlot,
  personalInfoFlagMismatch,
  proactiveStateReporting,
  sensitiveDataSlot,
  speechRequestsPersonalData,
  voiceDataLogged,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
