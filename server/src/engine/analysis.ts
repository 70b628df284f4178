import { Skill } from './skill';

/**
 * Facts about one skill that several rules need (personal-data slots, code flows). Each fact is
 * computed on first use and kept for the rest of the lint run, so rules stay independent without
 * repeating work. Fact modules own their keys: `analysis.memo('model-facts', () => ...)`.
 */
export class SkillAnalysis {
  private readonly cache = new Map<string, unknown>();

  constructor(readonly skill: Skill) {}

  memo<T>(key: string, compute: () => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = compute();
    this.cache.set(key, value);
    return value;
  }
}
